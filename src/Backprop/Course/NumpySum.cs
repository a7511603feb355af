namespace Backprop.Course;

/// <summary>Σ x in NumPy's order (pairwise_sum): fewer than 8 values in sequence; up to 128 in eight running sums
/// r₀…r₇ over strides of 8, combined as ((r₀+r₁)+(r₂+r₃))+((r₄+r₅)+(r₆+r₇)), then the tail in sequence; longer arrays
/// split in halves (at a multiple of 8) and summed recursively. Reproducing the course bit for bit needs the same order.</summary>
public static class NumpySum
{
    public static double Pairwise(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (n < 8)
        {
            double res = 0;
            for (int i = 0; i < n; i++) res += x[i];
            return res;
        }
        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            for (int k = 0; k < 8; k++) r[k] = x[k];
            int i = 8;
            for (; i < n - n % 8; i += 8)
                for (int k = 0; k < 8; k++) r[k] += x[i + k];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += x[i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return Pairwise(x[..half]) + Pairwise(x[half..]);
    }
}
