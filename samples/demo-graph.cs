#:project ../src/Backprop.Cli/Backprop.Cli.csproj
#:property Configuration=Release
// The notes' J = 3(a + bc) at a = 5, b = 3, c = 2, drawn from the graph autograd recorded (computation-graph.svg):
// values u = 6, v = 11, J = 33 and gradients dJ/da = 3, dJ/db = 6, dJ/dc = 9. Same code as `backprop demo graph`.
using Backprop.Cli.Demos;

GraphDemo.Run(5, 3, 2, ".", Console.Out);
