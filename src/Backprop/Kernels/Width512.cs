using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>512-bit vectors (Vector512&lt;T&gt;) as an <see cref="IVectorWidth{T, TVec}"/>.</summary>
internal readonly unsafe struct Width512<T> : IVectorWidth<T, Vector512<T>> where T : unmanaged
{
    public static bool Fused => true;
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Create(T x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(T* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<T> v, T* p) => Vector512.Store(v, p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(ref T origin, nuint index) => Vector512.LoadUnsafe(ref origin, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<T> v, ref T origin, nuint index) => v.StoreUnsafe(ref origin, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Add(Vector512<T> x, Vector512<T> y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Subtract(Vector512<T> x, Vector512<T> y) => x - y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Multiply(Vector512<T> x, Vector512<T> y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Divide(Vector512<T> x, Vector512<T> y) => x / y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Sqrt(Vector512<T> x) => Vector512.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeepMax(Vector512<T> v, Vector512<T> vTag, ref Vector512<T> best, ref Vector512<T> bestTag)
    {
        var take = Vector512.GreaterThan(v, best) | Vector512.AndNot(Vector512.Equals(best, best), Vector512.Equals(v, v));
        best = Vector512.ConditionalSelect(take, v, best);
        bestTag = Vector512.ConditionalSelect(take, vTag, bestTag);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector512<T> x) => Vector512.Sum(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Apply<TOp>(Vector512<T> x) where TOp : IUnaryOperator<T> => TOp.Invoke(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Apply<TOp>(Vector512<T> x, Vector512<T> y) where TOp : IBinaryOperator<T> => TOp.Invoke(x, y);

    /// <summary>x·y + z; fused (AVX-512 always has FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
        return x * y + z;
    }
}
