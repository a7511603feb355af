using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>The exact GELU in float, vectorised: GELU(x) = x·Φ(x), Φ(x) = ½(1 + erf(x/√2)), with erf of a = |x|/√2 by
/// Abramowitz &amp; Stegun 7.1.26, erf a = 1 − t(a₁ + t(a₂ + t(a₃ + t(a₄ + t·a₅))))·e^(−a²), t = 1/(1 + p·a), whose error
/// (below 1.5·10⁻⁷ for every a) is float's own rounding of Φ. Float64 keeps the exact series (<see cref="ErrorFunction"/>):
/// the PyTorch oracle compares it to 1e-10.</summary>
internal readonly struct GeluFloatOperator : IUnaryOperator<float>
{
    internal const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    internal const float InvSqrt2 = 0.70710678f, InvSqrt2Pi = 0.39894228f;

    public static float Invoke(float x) => x * Cdf(x);
    public static Vector128<float> Invoke(Vector128<float> x) => x * Cdf(x);
    public static Vector256<float> Invoke(Vector256<float> x) => x * Cdf(x);
    public static Vector512<float> Invoke(Vector512<float> x) => x * Cdf(x);

    internal static float Cdf(float x)
    {
        float a = MathF.Abs(x) * InvSqrt2, t = 1 / (1 + P * a);
        float erf = 1 - t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * MathF.Exp(-a * a);
        return 0.5f * (1 + (x < 0 ? -erf : erf));
    }

    internal static Vector128<float> Cdf(Vector128<float> x)
    {
        var a = Vector128.Abs(x) * InvSqrt2;
        var t = Vector128<float>.One / (Vector128<float>.One + a * P);
        var erf = Vector128<float>.One - t * (Vector128.Create(A1) + t * (Vector128.Create(A2) + t * (Vector128.Create(A3) + t * (Vector128.Create(A4) + t * A5)))) * VectorMath.Exp(-(a * a));
        return (Vector128<float>.One + Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), -erf, erf)) * 0.5f;
    }

    internal static Vector256<float> Cdf(Vector256<float> x)
    {
        var a = Vector256.Abs(x) * InvSqrt2;
        var t = Vector256<float>.One / (Vector256<float>.One + a * P);
        var erf = Vector256<float>.One - t * (Vector256.Create(A1) + t * (Vector256.Create(A2) + t * (Vector256.Create(A3) + t * (Vector256.Create(A4) + t * A5)))) * VectorMath.Exp(-(a * a));
        return (Vector256<float>.One + Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -erf, erf)) * 0.5f;
    }

    internal static Vector512<float> Cdf(Vector512<float> x)
    {
        var a = Vector512.Abs(x) * InvSqrt2;
        var t = Vector512<float>.One / (Vector512<float>.One + a * P);
        var erf = Vector512<float>.One - t * (Vector512.Create(A1) + t * (Vector512.Create(A2) + t * (Vector512.Create(A3) + t * (Vector512.Create(A4) + t * A5)))) * VectorMath.Exp(-(a * a));
        return (Vector512<float>.One + Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -erf, erf)) * 0.5f;
    }
}

/// <summary>dGELU: dx = dy·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π), in float with <see cref="GeluFloatOperator"/>'s Φ.</summary>
internal readonly struct GeluFloatGradientOperator : IBinaryOperator<float>
{
    public static float Invoke(float x, float dy) => dy * (GeluFloatOperator.Cdf(x) + x * GeluFloatOperator.InvSqrt2Pi * MathF.Exp(-0.5f * x * x));
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> dy) =>
        dy * (GeluFloatOperator.Cdf(x) + x * GeluFloatOperator.InvSqrt2Pi * VectorMath.Exp(x * x * -0.5f));
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> dy) =>
        dy * (GeluFloatOperator.Cdf(x) + x * GeluFloatOperator.InvSqrt2Pi * VectorMath.Exp(x * x * -0.5f));
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> dy) =>
        dy * (GeluFloatOperator.Cdf(x) + x * GeluFloatOperator.InvSqrt2Pi * VectorMath.Exp(x * x * -0.5f));
}
