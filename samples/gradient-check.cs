#:project ../src/Backprop/Backprop.csproj
// Course 2, week 1: gradient checking. difference = ‖grad − gradapprox‖ / (‖grad‖ + ‖gradapprox‖),
// gradapprox = (J(θ + ε) − J(θ − ε)) / 2ε with ε = 1e-7, on a LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID network.
using Backprop.Ops.Activations;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Tensors;

Console.WriteLine($"1-D: J(θ) = θx at x = 2, θ = 4: difference = {GradientChecker.Difference(2.0, GradientChecker.CentralDifference(t => t * 2, 4, 1e-7))}");

var random = new NumpyRandom(1);                                   // the course's test case: seed(1), X = randn(4, 3), …
var x = Tensor<double>.RandomNormal(random, 4, 3).Transpose();     // our examples are rows: X (3, 4)
var y = Tensor<double>.FromArray([1, 1, 0], 3, 1);
var model = Sequential<double>.FromLayerDims([4, 5, 3, 1], Activation.Relu, Activation.Sigmoid);
foreach (var p in model.Parameters)                                // W1, b1, W2, b2, W3, b3 drawn in the course's order
{
    var draw = Tensor<double>.RandomNormal(random, p.Value.Shape.ToArray());
    p.Value.CopyFrom(draw);
}
var result = GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy);
Console.WriteLine(result.Passes()
    ? $"Your backward propagation works perfectly fine! difference = {result.Difference:E3}"
    : $"There is a mistake in the backward propagation! difference = {result.Difference:E3}");
