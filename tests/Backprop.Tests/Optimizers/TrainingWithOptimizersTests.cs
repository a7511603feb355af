using Backprop.Initializers;
using Backprop.Ops.Activations;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Optimizers;

/// <summary>End to end: a small network on XOR-like quadrant data (y = 1 where x₁·x₂ &gt; 0), trained with mini-batches.</summary>
public class TrainingWithOptimizersTests
{
    private const int Epochs = 150, BatchSize = 32;

    private static (Tensor<double> X, Tensor<double> Y) Quadrants(int m)
    {
        var random = new NumpyRandom(0);
        var x = Tensor<double>.Zeros(m, 2);
        var y = Tensor<double>.Zeros(m, 1);
        for (int i = 0; i < m; i++)
        {
            double a = 2 * random.NextDouble() - 1, b = 2 * random.NextDouble() - 1;
            x[i, 0] = a;
            x[i, 1] = b;
            y[i, 0] = a * b > 0 ? 1 : 0;
        }
        return (x, y);
    }

    private static (double Cost, double Accuracy) Train(IOptimizer optimizer)
    {
        var (x, y) = Quadrants(256);
        var model = Sequential<double>.FromLayerDims([2, 8, 1], Activation.Tanh, Activation.Sigmoid);
        model.Initialize(Initializer.He, new NumpyRandom(1));
        var history = model.Fit(x, y, Loss.BinaryCrossEntropy, optimizer, TrainingOptions.MiniBatch(Epochs, BatchSize, new NumpyRandom(2)));
        double cost = model.Cost(x, y, Loss.BinaryCrossEntropy);
        var p = model.PredictValues(x);
        int correct = 0;
        for (int i = 0; i < y.Dim(0); i++) if ((p[i, 0] > 0.5 ? 1 : 0) == y[i, 0]) correct++;
        Assert.Null(history.StopReason);
        return (cost, (double)correct / y.Dim(0));
    }

    [Fact]
    public void Adam_reaches_a_low_cost_on_quadrant_xor_within_a_budget_where_plain_gradient_descent_does_not()
    {
        var adam = Train(new Adam(0.01));
        var gd = Train(new GradientDescent(0.01));
        Assert.True(adam.Cost < 0.15, $"Adam cost {adam.Cost}");
        Assert.True(adam.Accuracy >= 0.95, $"Adam accuracy {adam.Accuracy}");
        Assert.True(adam.Cost < gd.Cost / 2, $"Adam cost {adam.Cost}, gradient descent {gd.Cost}");
    }

    [Fact]
    public void Momentum_and_RmsProp_also_train_the_network_and_beat_plain_gradient_descent()
    {
        var gd = Train(new GradientDescent(0.01));
        var momentum = Train(new Momentum(0.1));
        var rmsprop = Train(new RmsProp(0.01, beta: 0.9));
        Assert.True(momentum.Cost < gd.Cost, $"momentum {momentum.Cost}, gradient descent {gd.Cost}");
        Assert.True(rmsprop.Cost < gd.Cost, $"RMSProp {rmsprop.Cost}, gradient descent {gd.Cost}");
    }
}
