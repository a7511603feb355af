namespace Backprop.Kernels;

/// <summary>erf x = (2/√π) ∫₀ˣ e^(−t²) dt, in double, by the series erf x = (2/√π)·e^(−x²)·Σₙ (2x²)ⁿ·x / (1·3·5···(2n+1))
/// (Abramowitz &amp; Stegun 7.1.6). Every term is positive, so nothing cancels: the sum is good to a few ulps for any
/// x, and for |x| ≥ 6 erf x = ±1 in double (erfc 6 ≈ 2·10⁻¹⁷). .NET has no erf; this is the GELU's.</summary>
public static class ErrorFunction
{
    private const double TwoOverSqrtPi = 1.1283791670955126; // 2/√π
    private const int MaxTerms = 200;

    // 1/(2n + 1): the series multiplies by these instead of dividing, so each term costs one multiply on the chain
    // rather than a division's much longer latency.
    private static readonly double[] OddReciprocals = Enumerable.Range(0, MaxTerms).Select(n => 1.0 / (2 * n + 1)).ToArray();

    /// <summary>erf x (NaN for NaN).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a >= 6) return Math.Sign(x);
        double twoXSquared = 2 * a * a, term = a, sum = a;
        var reciprocals = OddReciprocals;
        for (int n = 1; n < MaxTerms; n++)
        {
            term *= twoXSquared * reciprocals[n];
            sum += term;
            if (term <= sum * 1e-17) break;
        }
        double erf = TwoOverSqrtPi * Math.Exp(-a * a) * sum;
        return x < 0 ? -erf : erf;
    }
}
