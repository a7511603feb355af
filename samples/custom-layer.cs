#:project ../src/Backprop/Backprop.csproj
// Your own layers and loss, written as forward code only: the computation graph gives every gradient.
// A residual block y = relu(x + B(relu(A(x)))), a Swish activation y = x·σ(x), and an L1 loss J = mean |ŷ − y|,
// trained end to end on the course's planar "flower" data, checked by the course's gradient check, saved and loaded.
using System.Numerics;
using Backprop.Data;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Models.Formats;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

var flower = Planar.Generate<float>();                              // 400 points, labels 0/1
var (x, y) = (flower.X, flower.Y);
var model = new Sequential<float>(
    new Dense<float>(2, 16), new Swish(), new Residual(16), new Dropout<float>(0.1, seed: 1),
    new Dense<float>(16, 1, Activation.Sigmoid));
model.Initialize(Initializer.He, new NumpyRandom(2));

var history = model.Fit(x, y, new L1Loss(), new Adam(0.01), TrainingOptions.MiniBatch(epochs: 300, batchSize: 64, new NumpyRandom(3)));
Console.WriteLine($"L1 cost: {history.Costs[0].Cost:F4} → {history.Costs[^1].Cost:F4}");
Console.WriteLine($"accuracy: {model.Evaluate(x, y).Classification!.Accuracy:P1}");

// The graph's gradients agree with central differences (float64, the course's check).
var small = new Sequential<double>(new Dense<double>(2, 3), new SwishOf<double>(), new ResidualOf<double>(3), new Dense<double>(3, 1, Activation.Sigmoid));
small.Initialize(Initializer.Xavier, new NumpyRandom(4));
var (xd, yd) = (Planar.Generate<double>().X, Planar.Generate<double>().Y);
Console.WriteLine($"gradient check: {GradientChecker.Check(small, xd.Rows(0, 8), yd.Rows(0, 8), new L1Loss()).Difference:E2} (< 1e-7 is right)");

// A custom module loads only when its type is registered.
ModelFile.Save("custom.bp", model);
var loaded = ModelFile.Load("custom.bp", new ModuleRegistry<float>().Add(() => new Swish()).Add(() => new Residual(16)));
Console.WriteLine($"reloaded: {loaded.Model.Parameters.Count} parameters, same predictions: " +
                  $"{model.PredictValues(x).ToArray().SequenceEqual(loaded.Model.PredictValues(x).ToArray())}");

/// <summary>Swish y = x·σ(x), composed from ops: no backward to write.</summary>
sealed class Swish : SwishOf<float>;

class SwishOf<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override Tensor<T> Forward(Tensor<T> x) => Op.Multiply(x, Op.Sigmoid(x));
}

/// <summary>y = relu(x + B(relu(A(x)))): layers declared as fields are found by the module.</summary>
sealed class Residual(int n) : ResidualOf<float>(n);

class ResidualOf<T>(int n) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T> _a = new(n, n, Activation.Relu), _b = new(n, n);

    public override Tensor<T> Forward(Tensor<T> x) => Op.Relu(Op.Add(x, _b.Forward(_a.Forward(x))));
}

/// <summary>J = mean |ŷ − y|, an expression of ops.</summary>
sealed class L1Loss : ILoss
{
    public string Name => "l1";

    public Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        Op.Mean(Op.Abs(Op.Subtract(prediction, target)));
}
