#:project ../src/Backprop.Cli/Backprop.Cli.csproj
#:property Configuration=Release
// The notes' vectorisation timing (same code as `backprop demo vectorization`): a 10⁶-element dot product as a for-loop,
// as Tensor (a * b).Sum(), Tensor.MatMul and our GEMM kernel; then the logistic-regression gradient dw = Xᵀ(A − Y)/m
// with loops over examples and features against the vectorised form. Prints each time and the ratios.
using Backprop.Cli.Demos;

VectorizationDemo.Run(new VectorizationDemo.Settings(), Console.Out);
