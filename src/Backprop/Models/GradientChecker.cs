using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>The course's gradient_check_n for a whole model. θ = W1, b1, W2, b2, … flattened row-major (in
/// <see cref="Module{T}.Parameters"/> order); grad = dθ from backward propagation; gradapproxᵢ =
/// (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε by central differences; difference = ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂).
/// The course calls backprop correct below 1e-7 (2e-7 in its later editions) and buggy near 1e-1 and above.</summary>
public static class GradientChecker
{
    /// <summary>The course's ε.</summary>
    public const double DefaultEpsilon = 1e-7;

    /// <summary>The course's 1-D check: |grad − approx| / (|grad| + |approx|), 0 when both are 0.</summary>
    public static double Difference(double gradient, double approximation) =>
        Difference([gradient], [approximation]);

    /// <summary>‖grad − approx‖₂ / (‖grad‖₂ + ‖approx‖₂), 0 when both are 0 (nothing to disagree about).</summary>
    public static double Difference(ReadOnlySpan<double> gradient, ReadOnlySpan<double> approximation)
    {
        if (gradient.Length != approximation.Length)
            throw new ArgumentException($"The gradient has {gradient.Length} entries but the approximation has {approximation.Length}.");
        double diff = 0, g = 0, a = 0;
        for (int i = 0; i < gradient.Length; i++)
        {
            double d = gradient[i] - approximation[i];
            diff += d * d;
            g += gradient[i] * gradient[i];
            a += approximation[i] * approximation[i];
        }
        double denominator = Math.Sqrt(g) + Math.Sqrt(a);
        return denominator == 0 ? 0 : Math.Sqrt(diff) / denominator;
    }

    /// <summary>(J(θ + ε) − J(θ − ε)) / 2ε for a scalar function J.</summary>
    public static double CentralDifference(Func<double, double> cost, double theta, double epsilon = DefaultEpsilon) =>
        (cost(theta + epsilon) - cost(theta - epsilon)) / (2 * epsilon);

    /// <summary>Runs backward propagation once on (X, Y) and compares every parameter's gradient with central differences
    /// of J = <paramref name="loss"/>.Cost: 2·(number of parameters) extra forward passes, so use it on small networks and
    /// batches. Each θᵢ is restored to its exact original value after its two perturbations; the gradients keep the
    /// backprop values. Augmentation and dropout layers (<see cref="IBatchSeeded"/>) in training mode draw the same choices on every one of these passes (their batch
    /// count is set back before each), so J is one function of θ; afterwards they stand one batch further on.</summary>
    public static GradientCheckResult Check(Module<double> model, Tensor<double> x, Tensor<double> y, ILoss loss, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a positive number.");
        loss.CheckOutput(model.OutputActivation);
        var augmentations = (model is IBatchSeeded self ? [self] : model.Descendants().OfType<IBatchSeeded>())
            .Select(a => (Layer: a, a.Batches)).ToArray();
        void SameDraws() { foreach (var (layer, batches) in augmentations) layer.Batches = batches; }
        model.ZeroGrad();
        Graph.BeginStep();
        loss.Compute(model.Forward(x), y).Backward();
        var gradient = new double[model.ParameterCount];
        var approximation = new double[gradient.Length];
        int offset = 0;
        foreach (var p in model.Parameters)
        {
            p.Gradient.AsReadOnlySpan().CopyTo(gradient.AsSpan(offset));
            offset += p.Value.Length;
        }

        offset = 0;
        var perParameter = new List<ParameterGradientCheck>(model.Parameters.Count);
        foreach (var p in model.Parameters)
        {
            var theta = p.Value.AsSpan();
            for (int i = 0; i < theta.Length; i++)
            {
                double saved = theta[i];
                theta[i] = saved + epsilon;
                SameDraws();
                double plus = Cost(model, x, y, loss);
                theta[i] = saved - epsilon;
                SameDraws();
                double minus = Cost(model, x, y, loss);
                theta[i] = saved;
                approximation[offset + i] = (plus - minus) / (2 * epsilon);
            }
            perParameter.Add(Summarise(p, gradient.AsSpan(offset, theta.Length), approximation.AsSpan(offset, theta.Length)));
            offset += theta.Length;
        }
        SameDraws();
        foreach (var (layer, _) in augmentations) layer.Batches++;
        return new GradientCheckResult(Difference(gradient, approximation), gradient, approximation, perParameter);
    }

    private static double Cost(Module<double> model, Tensor<double> x, Tensor<double> y, ILoss loss)
    {
        Graph.BeginStep();
        using (Graph.NoGrad()) return loss.Compute(model.Forward(x), y).ToScalar();
    }

    /// <summary>The parameter's own difference and its entry with the largest |grad − approx|.</summary>
    private static ParameterGradientCheck Summarise(Parameter<double> p, ReadOnlySpan<double> gradient, ReadOnlySpan<double> approximation)
    {
        int worst = 0;
        for (int i = 1; i < gradient.Length; i++)
            if (Math.Abs(gradient[i] - approximation[i]) > Math.Abs(gradient[worst] - approximation[worst])) worst = i;
        return new ParameterGradientCheck(p.Name, Difference(gradient, approximation), worst, gradient[worst], approximation[worst]);
    }
}

/// <summary>The outcome of <see cref="GradientChecker.Check"/>.</summary>
/// <param name="Difference">‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂) over all of θ.</param>
/// <param name="Gradient">dθ from backward propagation, flattened W1, b1, W2, b2, … row-major.</param>
/// <param name="Approximation">gradapprox by central differences, in the same order.</param>
/// <param name="Parameters">Per parameter (W1, b1, …): its own difference and worst entry, to find where a bug lives.</param>
public sealed record GradientCheckResult(double Difference, double[] Gradient, double[] Approximation, IReadOnlyList<ParameterGradientCheck> Parameters)
{
    /// <summary>The course's verdict: difference below <paramref name="threshold"/> (1e-7 in 2017, 2e-7 in later editions).</summary>
    public bool Passes(double threshold = 2e-7) => Difference < threshold;

    public override string ToString() =>
        FormattableString.Invariant($"difference {Difference:G6}; ") + string.Join(", ", Parameters.Select(p => p.ToString()));
}

/// <summary>One parameter's share of a gradient check.</summary>
/// <param name="Name">The parameter's course name ("W2").</param>
/// <param name="Difference">The relative difference over this parameter's entries alone.</param>
/// <param name="WorstIndex">Row-major index of the entry with the largest |grad − approx| (0 for the first entry).</param>
/// <param name="WorstGradient">Backprop's value at that entry.</param>
/// <param name="WorstApproximation">The central difference at that entry.</param>
public sealed record ParameterGradientCheck(string Name, double Difference, int WorstIndex, double WorstGradient, double WorstApproximation)
{
    public override string ToString() => FormattableString.Invariant($"{Name} {Difference:G3} (worst [{WorstIndex}]: {WorstGradient:G6} vs {WorstApproximation:G6})");
}
