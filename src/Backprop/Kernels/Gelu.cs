using System.Numerics;
using System.Runtime.InteropServices;

namespace Backprop.Kernels;

/// <summary>The Gaussian error linear unit, elementwise, in both of its forms (Hendrycks &amp; Gimpel):
/// exact GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)), dGELU/dx = Φ(x) + x·φ(x) with φ(x) = e^(−x²/2)/√(2π);
/// tanh form GELU(x) ≈ ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³), derivative ½(1 + tanh u) + ½x(1 − tanh² u)·√(2/π)(1 + 3·0.044715x²).
/// Float64 is computed per element in double with the exact erf series; float32 runs vectorised on the elementwise driver
/// (<see cref="GeluFloatOperator"/>, erf to 1.5·10⁻⁷, float's rounding of Φ), since the per-element series cost 75 ns a
/// value — 155 ms of a character GPT's 4 × 512 × 4096 MLP values a step.</summary>
public static class Gelu
{
    /// <summary>1/√2.</summary>
    public const double InvSqrt2 = 0.70710678118654752440;

    /// <summary>√(2/π), the tanh form's scale.</summary>
    public const double Sqrt2OverPi = 0.79788456080286535588;

    /// <summary>0.044715, the tanh form's cubic coefficient.</summary>
    public const double Cubic = 0.044715;

    private const double InvSqrt2Pi = 0.39894228040143267794; // 1/√(2π)

    /// <summary>y = ½x(1 + erf(x/√2)).</summary>
    public static void Exact<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x.Length, y.Length, x.Length);
        if (typeof(T) == typeof(float))
        {
            Elementwise.Unary<float, GeluFloatOperator>(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            y[i] = T.CreateTruncating(0.5 * v * (1 + ErrorFunction.Erf(v * InvSqrt2)));
        }
    }

    /// <summary>dx = dy ∘ (Φ(x) + x·φ(x)), with Φ(x) = y/x read back from the forward's y = x·Φ(x) (½ at x = 0), so
    /// the backward needs no second erf.</summary>
    public static void ExactBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x.Length, dx.Length, dy.Length);
        Check(x.Length, y.Length, x.Length);
        if (typeof(T) == typeof(float))
        {
            Elementwise.Binary<float, GeluFloatGradientOperator>(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(dy), MemoryMarshal.Cast<T, float>(dx));
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            double cdf = v == 0 ? 0.5 : double.CreateTruncating(y[i]) / v;
            dx[i] = T.CreateTruncating(double.CreateTruncating(dy[i]) * (cdf + v * InvSqrt2Pi * Math.Exp(-0.5 * v * v)));
        }
    }

    /// <summary>y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x.Length, y.Length, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            y[i] = T.CreateTruncating(0.5 * v * (1 + Math.Tanh(Sqrt2OverPi * (v + Cubic * v * v * v))));
        }
    }

    /// <summary>dx = dy ∘ (½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²)), t = tanh(√(2/π)(x + 0.044715x³)).</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x.Length, dx.Length, dy.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            double t = Math.Tanh(Sqrt2OverPi * (v + Cubic * v * v * v));
            double derivative = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * Sqrt2OverPi * (1 + 3 * Cubic * v * v);
            dx[i] = T.CreateTruncating(double.CreateTruncating(dy[i]) * derivative);
        }
    }

    private static void Check(int x, int y, int dy)
    {
        if (x != y || x != dy) throw new ArgumentException($"GELU needs spans of one length; got {x}, {y} and {dy}.");
    }
}
