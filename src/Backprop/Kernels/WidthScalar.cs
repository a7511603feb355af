using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>One element as a one-lane "vector": the kernels' generic code run on a machine without a vector unit,
/// with the same loops and blocking (so the scalar level still gets register blocking and cache blocking).</summary>
internal readonly unsafe struct WidthScalar<T> : IVectorWidth<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool Fused => false;
    public static int Count => 1;
    public static T Zero => T.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Create(T x) => x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Load(T* p) => *p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(T v, T* p) => *p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Load(ref T origin, nuint index) => Unsafe.Add(ref origin, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(T v, ref T origin, nuint index) => Unsafe.Add(ref origin, index) = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Add(T x, T y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Subtract(T x, T y) => x - y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Multiply(T x, T y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Divide(T x, T y) => x / y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sqrt(T x) => T.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeepMax(T v, T vTag, ref T best, ref T bestTag)
    {
        if (v > best || (T.IsNaN(v) && !T.IsNaN(best))) (best, bestTag) = (v, vTag);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(T x) => x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply<TOp>(T x) where TOp : IUnaryOperator<T> => TOp.Invoke(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply<TOp>(T x, T y) where TOp : IBinaryOperator<T> => TOp.Invoke(x, y);

    /// <summary>x·y + z with two roundings: without FMA hardware a fused one is a slow library call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T MultiplyAdd(T x, T y, T z) => x * y + z;
}
