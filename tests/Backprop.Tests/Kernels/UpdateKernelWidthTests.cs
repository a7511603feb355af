using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>The parameter-update and reduction kernels at every vector width: updates (multiply, add, divide and square
/// root, never fused) give the scalar loop's bits exactly; sums agree with an exact sum within the classical bound (n + 4)·ε·Σ|x|.</summary>
public class UpdateKernelWidthTests
{
    public static TheoryData<VectorWidth> Widths() => [.. VectorWidths.Available];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Every_update_rule_at_this_width_gives_the_scalar_loops_bits(VectorWidth width)
    {
        Updates<float>(width);
        Updates<double>(width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sums_at_this_width_agree_with_an_exact_sum(VectorWidth width)
    {
        Sums<float>(width);
        Sums<double>(width);
    }

    private static void Updates<T>(VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T C(double v) => T.CreateChecked(v);
        var adam = new AdamCoefficients<T>(C(0.9), C(0.1), C(0.999), C(0.001), C(0.01), C(0.19), C(0.002), C(1e-8));
        for (int n = 0; n <= 131; n++)
        {
            var (theta, state, squares, gradient) = (Draw<T>(n, 1), Draw<T>(n, 2), Abs(Draw<T>(n, 3)), Draw<T>(n, 4));
            foreach (var rule in new Action<T[], T[], T[], VectorWidth>[]
            {
                (t, v, s, w) => ParameterUpdate.SubtractScaled(t, gradient, C(0.0075), w),
                (t, v, s, w) => OptimizerKernels.Momentum(t, v, gradient, C(0.9), C(0.1), C(0.01), w),
                (t, v, s, w) => OptimizerKernels.RmsProp(t, s, gradient, C(0.9), C(0.1), C(0.01), C(1e-8), w),
                (t, v, s, w) => OptimizerKernels.Adam(t, v, s, gradient, adam, w),
                (t, v, s, w) => OptimizerKernels.AddScaled(t, gradient, C(0.7), w),
            })
            {
                T[] t1 = (T[])theta.Clone(), v1 = (T[])state.Clone(), s1 = (T[])squares.Clone();
                T[] t2 = (T[])theta.Clone(), v2 = (T[])state.Clone(), s2 = (T[])squares.Clone();
                rule(t1, v1, s1, width);
                rule(t2, v2, s2, VectorWidth.Scalar);
                Assert.Equal(t2, t1);
                Assert.Equal(v2, v1);
                Assert.Equal(s2, s1);
            }
        }
    }

    private static void Sums<T>(VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= 300; n += n < 70 ? 1 : 23)
        {
            var x = Draw<T>(n, 5);
            double exact = 0, squares = 0, scale = 0;
            foreach (var v in x) { double d = double.CreateChecked(v); exact += d; squares += d * d; scale += Math.Abs(d); }
            double ulp = double.CreateChecked(T.Epsilon == T.Zero ? T.Zero : T.BitIncrement(T.One) - T.One);
            Assert.Equal(exact, double.CreateChecked(Reductions.Sum<T>(x, width)), (n + 4) * ulp * (scale + 1));
            Assert.Equal(squares, double.CreateChecked(OptimizerKernels.SumOfSquares<T>(x, width)), (n + 4) * ulp * (squares + 1));
        }
    }

    private static T[] Draw<T>(int n, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed * 1000 + n);
        return [.. Enumerable.Range(0, n).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1))];
    }

    private static T[] Abs<T>(T[] x) where T : unmanaged, IFloatingPointIeee754<T> => [.. x.Select(T.Abs)];
}
