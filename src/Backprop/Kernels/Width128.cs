using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Kernels;

/// <summary>128-bit vectors (Vector128&lt;T&gt;) as an <see cref="IVectorWidth{T, TVec}"/>.</summary>
internal readonly unsafe struct Width128<T> : IVectorWidth<T, Vector128<T>> where T : unmanaged
{
    public static bool Fused => Fma.IsSupported || AdvSimd.IsSupported;
    public static int Count => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Create(T x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Load(T* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<T> v, T* p) => Vector128.Store(v, p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Load(ref T origin, nuint index) => Vector128.LoadUnsafe(ref origin, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<T> v, ref T origin, nuint index) => v.StoreUnsafe(ref origin, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Add(Vector128<T> x, Vector128<T> y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Subtract(Vector128<T> x, Vector128<T> y) => x - y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Multiply(Vector128<T> x, Vector128<T> y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Divide(Vector128<T> x, Vector128<T> y) => x / y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Sqrt(Vector128<T> x) => Vector128.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeepMax(Vector128<T> v, Vector128<T> vTag, ref Vector128<T> best, ref Vector128<T> bestTag)
    {
        var take = Vector128.GreaterThan(v, best) | Vector128.AndNot(Vector128.Equals(best, best), Vector128.Equals(v, v));
        best = Vector128.ConditionalSelect(take, v, best);
        bestTag = Vector128.ConditionalSelect(take, vTag, bestTag);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector128<T> x) => Vector128.Sum(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Apply<TOp>(Vector128<T> x) where TOp : IUnaryOperator<T> => TOp.Invoke(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Apply<TOp>(Vector128<T> x, Vector128<T> y) where TOp : IBinaryOperator<T> => TOp.Invoke(x, y);

    /// <summary>x·y + z; fused where the hardware has FMA (NEON, x86 with FMA), else a multiply and an add (SSE, AVX without FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> x, Vector128<T> y, Vector128<T> z)
    {
        if (typeof(T) == typeof(float)) return Vector128.MultiplyAddEstimate(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector128.MultiplyAddEstimate(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
        return x * y + z;
    }
}
