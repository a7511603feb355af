using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Tests.Ops;

/// <summary>The course's gradient check: difference = ‖grad − approx‖ / (‖grad‖ + ‖approx‖), with approx by central
/// differences (J(θ+ε) − J(θ−ε)) / 2ε, ε = 1e-7, in double. The scalar J = Σ f(inputs) ∘ R for a fixed random R,
/// so every output element's gradient matters and no symmetry hides a bug.</summary>
public static class GradientCheck
{
    public const double Epsilon = 1e-7;

    public static double RelativeDifference(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs, int seed = 7)
    {
        foreach (var x in inputs) { x.RequiresGrad = true; x.Grad = null; }
        var output = f(inputs);
        var weights = RandomLike(output, seed);
        var cost = Backprop.Ops.Op.Sum(Backprop.Ops.Op.Multiply(output, weights));
        cost.Backward();

        var analytic = new List<double>();
        var numeric = new List<double>();
        using (Graph.NoGrad())
        {
            foreach (var x in inputs)
            {
                analytic.AddRange(x.Grad is null ? new double[x.Length] : x.Grad.ToArray());
                var span = x.AsSpan();
                for (int i = 0; i < span.Length; i++)
                {
                    double saved = span[i];
                    span[i] = saved + Epsilon;
                    double plus = (f(inputs) * weights).Sum().ToScalar();
                    span[i] = saved - Epsilon;
                    double minus = (f(inputs) * weights).Sum().ToScalar();
                    span[i] = saved;
                    numeric.Add((plus - minus) / (2 * Epsilon));
                }
            }
        }
        double diff = 0, a = 0, n = 0;
        for (int i = 0; i < analytic.Count; i++)
        {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            a += analytic[i] * analytic[i];
            n += numeric[i] * numeric[i];
        }
        double denominator = Math.Sqrt(a) + Math.Sqrt(n);
        return denominator == 0 ? 0 : Math.Sqrt(diff) / denominator;
    }

    private static Tensor<double> RandomLike(Tensor<double> like, int seed)
    {
        var random = new Random(seed);
        var t = Tensor<double>.ZerosLike(like);
        var s = t.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = random.NextDouble() * 2 - 1;
        return t;
    }
}
