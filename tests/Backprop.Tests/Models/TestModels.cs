using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Models;
using Backprop.Tensors;

namespace Backprop.Tests.Models;

/// <summary>Small models with hand-set parameters, so forward values can be worked out by hand.</summary>
internal static class TestModels
{
    /// <summary>One dense layer with the given W (n[1] × n[0]), b and activation.</summary>
    public static Sequential<double> SingleLayer(double[,] weight, double[] bias, IActivation activation)
    {
        var dense = new Dense<double>(weight.GetLength(1), weight.GetLength(0), activation);
        dense.Weight.Value.CopyFrom(Tensor<double>.FromRows(weight));
        dense.Bias.Value.CopyFrom(Tensor<double>.Vector(bias));
        return new Sequential<double>(dense);
    }

    /// <summary>z = x0 − x1, a = σ(z): X rows (2,0), (0,2), (1,1) give z = 2, −2, 0.</summary>
    public static Sequential<double> Sigmoid() => SingleLayer(new double[,] { { 1, -1 } }, [0], Activation.Sigmoid);

    /// <summary>Z = [x0, x1, 0], A = softmax(Z).</summary>
    public static Sequential<double> Softmax() =>
        SingleLayer(new double[,] { { 1, 0 }, { 0, 1 }, { 0, 0 } }, [0, 0, 0], Activation.Softmax);

    /// <summary>ŷ = x0 + x1 + 0.5.</summary>
    public static Sequential<double> Linear() => SingleLayer(new double[,] { { 1, 1 } }, [0.5], Activation.Linear);

    public static Tensor<double> Rows(double[,] rows) => Tensor<double>.FromRows(rows);

    public static double Sigma(double z) => 1 / (1 + Math.Exp(-z));
}
