using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>Reductions.Sum, Max and ArgMax at every length 0..257 and on NaN, ties and infinities.</summary>
public class ReductionTests
{
    private const int MaxLength = 257;

    private static T[] Draw<T>(int length, int seed, double low = -1, double high = 1) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = new T[length];
        for (int i = 0; i < length; i++) x[i] = T.CreateTruncating(low + (high - low) * random.NextDouble());
        return x;
    }

    /// <summary>Σx with Neumaier's compensation in double: accurate to about one rounding of the true sum.</summary>
    private static double ReferenceSum<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        double sum = 0, compensation = 0;
        foreach (var v in x)
        {
            double d = double.CreateChecked(v), t = sum + d;
            compensation += Math.Abs(sum) >= Math.Abs(d) ? (sum - t) + d : (d - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }

    private static void SumIsWithinTheSummationErrorBound<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        double epsilon = double.CreateChecked(T.BitIncrement(T.One) - T.One);
        for (int length = 0; length <= MaxLength; length++)
        {
            // Offset 1 into the buffer, so the vector loads start unaligned.
            var buffer = Draw<T>(length + 1, length);
            var x = buffer.AsSpan(1);
            double expected = ReferenceSum<T>(x);
            double magnitude = 0;
            foreach (var v in x) magnitude += Math.Abs(double.CreateChecked(v));
            // Any order of n − 1 additions is within (n − 1)·(ε/2)·Σ|x| of the true sum, plus the final rounding to T.
            double bound = Math.Max(length - 1, 0) * epsilon / 2 * magnitude + epsilon * Math.Abs(expected);
            double actual = double.CreateChecked(Reductions.Sum<T>(x));
            Assert.True(Math.Abs(actual - expected) <= bound,
                $"{typeof(T).Name} length {length}: sum {actual:R}, reference {expected:R}, bound {bound:E2}.");
        }
    }

    [Fact]
    public void Sum_is_within_the_rounding_bound_of_a_compensated_double_sum_for_every_length()
    {
        SumIsWithinTheSummationErrorBound<float>();
        SumIsWithinTheSummationErrorBound<double>();
    }

    [Fact]
    public void Sum_of_small_integers_is_exact_and_of_nothing_is_zero()
    {
        for (int length = 0; length <= MaxLength; length++)
        {
            var x = Enumerable.Range(1, length).Select(i => (float)(i % 7 - 3)).ToArray();
            Assert.Equal(x.Sum(), Reductions.Sum<float>(x));
            Assert.Equal(x.Sum(v => (double)v), Reductions.Sum<double>(x.Select(v => (double)v).ToArray()));
        }
        Assert.Equal(0.0, Reductions.Sum<double>([]));
    }

    [Fact]
    public void Sum_propagates_NaN_and_opposite_infinities_from_any_position()
    {
        foreach (int length in new[] { 1, 7, 8, 17, 64, 71 })
            for (int p = 0; p < length; p++)
            {
                var x = new double[length];
                x[p] = double.NaN;
                Assert.True(double.IsNaN(Reductions.Sum<double>(x)), $"length {length}, NaN at {p}");
                x[p] = double.PositiveInfinity;
                Assert.Equal(double.PositiveInfinity, Reductions.Sum<double>(x));
                x[(p + 1) % length] = length > 1 ? double.NegativeInfinity : double.PositiveInfinity;
                if (length > 1) Assert.True(double.IsNaN(Reductions.Sum<double>(x)), $"length {length}, ∞ − ∞ at {p}");
            }
    }

    [Fact]
    public void Max_and_ArgMax_match_a_plain_loop_for_every_length()
    {
        for (int length = 1; length <= MaxLength; length++)
        {
            var x = Draw<float>(length, length, -100, 100);
            int best = 0;
            for (int i = 1; i < length; i++) if (x[i] > x[best]) best = i;
            Assert.Equal(x[best], Reductions.Max<float>(x));
            Assert.Equal(best, Reductions.ArgMax<float>(x));
            var d = Draw<double>(length, length, -100, 100);
            Assert.Equal(d.Max(), Reductions.Max<double>(d));
            Assert.Equal(Array.IndexOf(d, d.Max()), Reductions.ArgMax<double>(d));
        }
    }

    [Fact]
    public void Max_and_ArgMax_of_nothing_are_minus_infinity_and_minus_one()
    {
        Assert.Equal(double.NegativeInfinity, Reductions.Max<double>([]));
        Assert.Equal(float.NegativeInfinity, Reductions.Max<float>([]));
        Assert.Equal(-1, Reductions.ArgMax<double>([]));
    }

    [Fact]
    public void A_NaN_anywhere_makes_Max_NaN_and_ArgMax_points_at_the_first_NaN_as_NumPy_does()
    {
        foreach (int length in new[] { 1, 2, 15, 16, 17, 33, 100 })
            for (int p = 0; p < length; p++)
            {
                var x = Draw<float>(length, p);
                x[p] = float.NaN;
                Assert.True(float.IsNaN(Reductions.Max<float>(x)), $"length {length}, NaN at {p}");
                Assert.Equal(p, Reductions.ArgMax<float>(x));
                if (p + 1 < length) x[^1] = float.NaN;
                Assert.Equal(p, Reductions.ArgMax<float>(x));
            }
        // np.argmax([1, nan, nan]) == 1; np.argmax([nan, 5]) == 0.
        Assert.Equal(1, Reductions.ArgMax<double>([1, double.NaN, double.NaN]));
        Assert.Equal(0, Reductions.ArgMax<double>([double.NaN, 5]));
    }

    [Fact]
    public void ArgMax_returns_the_first_index_among_ties()
    {
        Assert.Equal(0, Reductions.ArgMax<double>([3, 1, 3]));
        Assert.Equal(1, Reductions.ArgMax<double>([1, 3, 3, 3]));
        Assert.Equal(0, Reductions.ArgMax<double>([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(0, Reductions.ArgMax<double>([-0.0, 0.0])); // -0 == +0: a tie, as np.argmax
        Assert.Equal(2, Reductions.ArgMax<double>([1, 2, double.PositiveInfinity, double.PositiveInfinity]));
        Assert.Equal(0, Reductions.ArgMax<float>(new float[300]));
    }

    [Fact]
    public void AddInto_and_MaxInto_accumulate_a_row_into_the_running_result()
    {
        double[] acc = [1, 5, -2, double.NaN];
        Reductions.AddInto<double>([1, 1, 1, 1], acc);
        Assert.Equal([2, 6, -1, double.NaN], acc);
        Reductions.MaxInto<double>([3, 3, double.NaN, 0], acc);
        Assert.Equal([3, 6, double.NaN, double.NaN], acc);
        Assert.Throws<ArgumentException>(() => Reductions.AddInto<double>([1, 2], acc));
    }
}
