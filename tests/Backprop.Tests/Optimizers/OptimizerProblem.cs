using System.Numerics;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Tests.Optimizers;

/// <summary>A small model-shaped problem with known gradients: W1 [3 × 7] (21 values: a full 16-lane vector plus a
/// tail for float and double) and b1 [3], with values and gradients given by formulas of (parameter, index, step).
/// One gradient is exactly zero. Also the scalar double reference of each update rule, written from the formulas.</summary>
internal static class OptimizerProblem
{
    public static readonly int[][] Shapes = [[3, 7], [3]];

    public static double InitialValue(int parameter, int i) => Math.Cos(0.9 * i + parameter) * (parameter == 0 ? 1 : 0.1);

    public static double Gradient(int parameter, int i, int step) =>
        i == 4 ? 0 : Math.Sin(1.7 * i + 0.3 * step + 2 * parameter) * (1 + 0.5 * parameter);

    public static List<Parameter<T>> Parameters<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var list = new List<Parameter<T>>();
        for (int p = 0; p < Shapes.Length; p++)
        {
            int n = Shapes[p].Aggregate(1, (a, b) => a * b);
            var values = Enumerable.Range(0, n).Select(i => T.CreateChecked(InitialValue(p, i))).ToArray();
            list.Add(new Parameter<T>(p == 0 ? "W1" : "b1", Tensor<T>.FromArray(values, Shapes[p]), p == 0 ? ParameterRole.Weight : ParameterRole.Bias));
        }
        return list;
    }

    public static void SetGradients<T>(IReadOnlyList<Parameter<T>> parameters, int step) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < parameters.Count; p++)
        {
            var g = parameters[p].Gradient.AsSpan();
            for (int i = 0; i < g.Length; i++) g[i] = T.CreateChecked(Gradient(p, i, step));
        }
    }

    /// <summary>Runs <paramref name="steps"/> steps, setting the step's gradients before each.</summary>
    public static void Run<T>(Backprop.Optimizers.IOptimizer optimizer, IReadOnlyList<Parameter<T>> parameters, int steps, int firstStep = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = firstStep; k < firstStep + steps; k++)
        {
            SetGradients(parameters, k);
            optimizer.Step(parameters);
        }
    }

    public static double[][] ReferenceValues() =>
        Shapes.Select((s, p) => Enumerable.Range(0, s.Aggregate(1, (a, b) => a * b)).Select(i => InitialValue(p, i)).ToArray()).ToArray();

    /// <summary>v = β·v + (1 − β)·g; θ −= α·v.</summary>
    public static double[][] ReferenceMomentum(int steps, double alpha, double beta)
    {
        var theta = ReferenceValues();
        var v = theta.Select(a => new double[a.Length]).ToArray();
        for (int k = 0; k < steps; k++)
            for (int p = 0; p < theta.Length; p++)
                for (int i = 0; i < theta[p].Length; i++)
                {
                    v[p][i] = beta * v[p][i] + (1 - beta) * Gradient(p, i, k);
                    theta[p][i] = theta[p][i] - alpha * v[p][i];
                }
        return theta;
    }

    /// <summary>s = β·s + (1 − β)·g²; θ −= α·g / (√s + ε).</summary>
    public static double[][] ReferenceRmsProp(int steps, double alpha, double beta, double epsilon)
    {
        var theta = ReferenceValues();
        var s = theta.Select(a => new double[a.Length]).ToArray();
        for (int k = 0; k < steps; k++)
            for (int p = 0; p < theta.Length; p++)
                for (int i = 0; i < theta[p].Length; i++)
                {
                    double g = Gradient(p, i, k);
                    s[p][i] = beta * s[p][i] + (1 - beta) * (g * g);
                    theta[p][i] = theta[p][i] - alpha * g / (Math.Sqrt(s[p][i]) + epsilon);
                }
        return theta;
    }

    /// <summary>The course's update_parameters_with_adam, element by element, with an optional L2 term λ·W on weights.</summary>
    public static double[][] ReferenceAdam(int steps, double alpha, double beta1, double beta2, double epsilon, double lambda = 0)
    {
        var theta = ReferenceValues();
        var v = theta.Select(a => new double[a.Length]).ToArray();
        var s = theta.Select(a => new double[a.Length]).ToArray();
        for (int k = 0; k < steps; k++)
        {
            int t = k + 1;
            for (int p = 0; p < theta.Length; p++)
                for (int i = 0; i < theta[p].Length; i++)
                {
                    double g = Gradient(p, i, k);
                    if (Shapes[p].Length == 2) g = g + lambda * theta[p][i];
                    v[p][i] = beta1 * v[p][i] + (1 - beta1) * g;
                    double vCorrected = v[p][i] / (1 - Math.Pow(beta1, t));
                    s[p][i] = beta2 * s[p][i] + (1 - beta2) * (g * g);
                    double sCorrected = s[p][i] / (1 - Math.Pow(beta2, t));
                    theta[p][i] = theta[p][i] - alpha * vCorrected / (Math.Sqrt(sCorrected) + epsilon);
                }
        }
        return theta;
    }

    public static void AssertEqual(double[][] expected, IReadOnlyList<Parameter<double>> actual)
    {
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++)
                Assert.True(expected[p][i] == actual[p].Value.AsReadOnlySpan()[i],
                    $"{actual[p].Name}[{i}]: expected {expected[p][i]:R}, got {actual[p].Value.AsReadOnlySpan()[i]:R}");
    }

    public static void AssertClose(double[][] expected, IReadOnlyList<Parameter<float>> actual, double tolerance)
    {
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++)
            {
                double got = actual[p].Value.AsReadOnlySpan()[i];
                Assert.True(Math.Abs(expected[p][i] - got) <= tolerance, $"{actual[p].Name}[{i}]: expected {expected[p][i]:R}, got {got:R}");
            }
    }
}
