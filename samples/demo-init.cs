#:project ../src/Backprop.Cli/Backprop.Cli.csproj
#:property Configuration=Release
// Why not zeros, and why small (same code as `backprop demo init`): a [2, 4, 1] tanh network on the planar flower from
// zeros, 10·randn, 0.01·randn and He. Zeros leave every row of W1 equal (the hidden units stay symmetric, 50 %);
// the cost curves go to init-costs.png.
using Backprop.Cli.Demos;

InitDemo.Run(new InitDemo.Settings(), Console.Out);
