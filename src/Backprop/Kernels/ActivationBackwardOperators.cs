using System.Numerics;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>Sigmoid backward from its output: dZ = dA ∘ A(1 − A). Left operand A, right operand dA.</summary>
public readonly struct SigmoidBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T da) => da * a * (T.One - a);
    public static Vector128<T> Invoke(Vector128<T> a, Vector128<T> da) => da * a * (Vector128<T>.One - a);
    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> da) => da * a * (Vector256<T>.One - a);
    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> da) => da * a * (Vector512<T>.One - a);
}

/// <summary>Tanh backward from its output: dZ = dA ∘ (1 − A²). Left operand A, right operand dA.</summary>
public readonly struct TanhBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T da) => da * (T.One - a * a);
    public static Vector128<T> Invoke(Vector128<T> a, Vector128<T> da) => da * (Vector128<T>.One - a * a);
    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> da) => da * (Vector256<T>.One - a * a);
    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> da) => da * (Vector512<T>.One - a * a);
}
