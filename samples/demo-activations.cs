#:project ../src/Backprop.Cli/Backprop.Cli.csproj
#:property Configuration=Release
// Sigmoid, tanh, ReLU and leaky ReLU with their derivatives (activations.png), then the same [2, 10, 1] network on the
// planar flower trained with each as its hidden activation (activations-costs.png). Same code as `backprop demo activations`.
using Backprop.Cli.Demos;

ActivationsDemo.Run(new ActivationsDemo.Settings(), Console.Out);
