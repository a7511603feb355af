#:project ../src/Backprop.Cli/Backprop.Cli.csproj
#:property Configuration=Release
// "Scale drives deep learning", measured (same code as `backprop demo scale`): MNIST test accuracy against 100 … 60 000
// training examples for logistic regression and small, medium and large ReLU networks; a table and scale-mnist.png
// (log x-axis). MNIST comes from BACKPROP_DATA or is downloaded into ~/.backprop/datasets. About a minute on 2 cores.
using Backprop.Cli.Demos;

ScaleDemo.Run(new ScaleDemo.Settings(), Console.Out);
