using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>y = f(x), elementwise. The scalar <see cref="Invoke(T)"/> is the definition and the test oracle;
/// the vector forms must agree with it.</summary>
public interface IUnaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x);
    static abstract Vector128<T> Invoke(Vector128<T> x);
    static abstract Vector256<T> Invoke(Vector256<T> x);
    static abstract Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>z = f(x, y), elementwise. The scalar form is the definition and the test oracle.</summary>
public interface IBinaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x, T y);
    static abstract Vector128<T> Invoke(Vector128<T> x, Vector128<T> y);
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);
    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}
