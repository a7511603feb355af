using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>The float32 GELU (vectorised, erf by Abramowitz and Stegun 7.1.26) against the float64 one (the exact erf
/// series) on [−8, 8], value and derivative, at every vector width: within 3·10⁻⁷ of max(1, |x|).</summary>
public class GeluFloatTests
{
    [Fact]
    public void Float_gelu_and_its_derivative_follow_the_exact_float64_ones_at_every_width()
    {
        const int n = 16001;
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -8f + 16f * i / (n - 1);
        var xd = x.Select(v => (double)v).ToArray();
        var (yd, dxd) = (new double[n], new double[n]);
        Gelu.Exact<double>(xd, yd);
        Gelu.ExactBackward<double>(xd, yd, Enumerable.Repeat(1.0, n).ToArray(), dxd);
        foreach (var width in VectorWidths.Available)
        {
            var (y, dx) = (new float[n], new float[n]);
            Elementwise.Unary<float, GeluFloatOperator>(x, y, width);
            Elementwise.Binary<float, GeluFloatGradientOperator>(x, Enumerable.Repeat(1f, n).ToArray(), dx, width);
            for (int i = 0; i < n; i++)
            {
                double bound = 3e-7 * Math.Max(1, Math.Abs(xd[i]));
                Assert.True(Math.Abs(y[i] - yd[i]) <= bound, $"{width}: GELU({x[i]}) = {y[i]}, exact {yd[i]}");
                Assert.True(Math.Abs(dx[i] - dxd[i]) <= bound, $"{width}: GELU'({x[i]}) = {dx[i]}, exact {dxd[i]}");
            }
        }
        // The public entry takes the same path for float.
        var viaEntry = new float[n];
        Gelu.Exact<float>(x, viaEntry);
        Assert.True(Math.Abs(viaEntry[n / 3] - yd[n / 3]) <= 3e-7);
    }
}
