using System.Numerics;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>σ(x) = 1 / (1 + e^−x), computed from e = e^−|x| as 1/(1+e) for x ≥ 0 and e/(1+e) for x &lt; 0,
/// so no intermediate overflows: σ(±100) is finite and σ(−800) is 0, not NaN.</summary>
public readonly struct SigmoidOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x)
    {
        T e = T.Exp(-T.Abs(x));
        T p = T.One / (T.One + e);
        return x >= T.Zero ? p : e * p;
    }
    public static Vector128<T> Invoke(Vector128<T> x)
    {
        var e = VectorMath.Exp(-Vector128.Abs(x));
        var p = Vector128<T>.One / (Vector128<T>.One + e);
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<T>.Zero), p, e * p);
    }
    public static Vector256<T> Invoke(Vector256<T> x)
    {
        var e = VectorMath.Exp(-Vector256.Abs(x));
        var p = Vector256<T>.One / (Vector256<T>.One + e);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<T>.Zero), p, e * p);
    }
    public static Vector512<T> Invoke(Vector512<T> x)
    {
        var e = VectorMath.Exp(-Vector512.Abs(x));
        var p = Vector512<T>.One / (Vector512<T>.One + e);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<T>.Zero), p, e * p);
    }
}

/// <summary>log σ(x) = min(x, 0) − ln(1 + e^−|x|): never takes the log of 0, so log σ(−1000) = −1000.</summary>
public readonly struct LogSigmoidOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Min(x, T.Zero) - T.Log(T.One + T.Exp(-T.Abs(x)));
    public static Vector128<T> Invoke(Vector128<T> x) =>
        Vector128.Min(x, Vector128<T>.Zero) - VectorMath.Log(Vector128<T>.One + VectorMath.Exp(-Vector128.Abs(x)));
    public static Vector256<T> Invoke(Vector256<T> x) =>
        Vector256.Min(x, Vector256<T>.Zero) - VectorMath.Log(Vector256<T>.One + VectorMath.Exp(-Vector256.Abs(x)));
    public static Vector512<T> Invoke(Vector512<T> x) =>
        Vector512.Min(x, Vector512<T>.Zero) - VectorMath.Log(Vector512<T>.One + VectorMath.Exp(-Vector512.Abs(x)));
}

/// <summary>ReLU(x) = max(x, 0); NaN stays NaN.</summary>
public readonly struct ReluOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Max(x, T.Zero);
    public static Vector128<T> Invoke(Vector128<T> x) => Vector128.Max(x, Vector128<T>.Zero);
    public static Vector256<T> Invoke(Vector256<T> x) => Vector256.Max(x, Vector256<T>.Zero);
    public static Vector512<T> Invoke(Vector512<T> x) => Vector512.Max(x, Vector512<T>.Zero);
}

/// <summary>Leaky ReLU: f(x, a) = x for x &gt; 0, a·x otherwise (a, the slope, is the scalar right operand).</summary>
public readonly struct LeakyReluOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T a) => x > T.Zero ? x : a * x;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> a) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), x, a * x);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> a) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, a * x);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> a) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, a * x);
}

/// <summary>Backward of a step-shaped activation: dx = dy where x &gt; 0, else dy · a
/// (ReLU with a = 0, Leaky ReLU with its slope). Here the left operand is x and the right is dy; a is fixed per type.</summary>
public readonly struct ReluBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T dy) => x > T.Zero ? dy : T.Zero;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> dy) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), dy, Vector128<T>.Zero);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> dy) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), dy, Vector256<T>.Zero);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> dy) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), dy, Vector512<T>.Zero);
}

/// <summary>Comparison x &gt; y as 1 or 0.</summary>
public readonly struct GreaterThanOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T y) => x > y ? T.One : T.Zero;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), Vector128<T>.One, Vector128<T>.Zero);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, y), Vector256<T>.One, Vector256<T>.Zero);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, y), Vector512<T>.One, Vector512<T>.Zero);
}

/// <summary>Comparison x ≥ y as 1 or 0.</summary>
public readonly struct GreaterThanOrEqualOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T y) => x >= y ? T.One : T.Zero;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, y), Vector128<T>.One, Vector128<T>.Zero);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, y), Vector256<T>.One, Vector256<T>.Zero);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, y), Vector512<T>.One, Vector512<T>.Zero);
}

/// <summary>Comparison x == y as 1 or 0 (NaN equals nothing).</summary>
public readonly struct EqualOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T y) => x == y ? T.One : T.Zero;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) =>
        Vector128.ConditionalSelect(Vector128.Equals(x, y), Vector128<T>.One, Vector128<T>.Zero);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) =>
        Vector256.ConditionalSelect(Vector256.Equals(x, y), Vector256<T>.One, Vector256<T>.Zero);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, y), Vector512<T>.One, Vector512<T>.Zero);
}
