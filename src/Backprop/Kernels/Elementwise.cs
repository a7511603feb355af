using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>The one elementwise driver: dst[i] = op(x[i]) or op(x[i], y[i]), as a Vector512 loop (or Vector256 where the
/// machine lacks AVX-512) and a scalar tail. Lengths are checked once at entry; the loops then run unchecked.
/// In-place use (dst aliasing x or y exactly) is allowed.</summary>
public static class Elementwise
{
    /// <summary>dst[i] = op(x[i]).</summary>
    public static void Unary<T, TOp>(ReadOnlySpan<T> x, Span<T> dst)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        if (x.Length != dst.Length) throw new ArgumentException($"Length mismatch: source {x.Length}, destination {dst.Length}.");
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                TOp.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ds, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(Unsafe.Add(ref xs, i));
    }

    /// <summary>dst[i] = op(x[i], y[i]).</summary>
    public static void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        if (x.Length != dst.Length || y.Length != dst.Length)
            throw new ArgumentException($"Length mismatch: {x.Length}, {y.Length} -> {dst.Length}.");
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                TOp.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ds, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
    }

    /// <summary>dst[i] = op(x[i], y): the right operand is one scalar (a broadcast).</summary>
    public static void BinaryScalarRight<T, TOp>(ReadOnlySpan<T> x, T y, Span<T> dst)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        if (x.Length != dst.Length) throw new ArgumentException($"Length mismatch: source {x.Length}, destination {dst.Length}.");
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var yv = Vector512.Create(y);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                TOp.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i), yv).StoreUnsafe(ref ds, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var yv = Vector256.Create(y);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i), yv).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(Unsafe.Add(ref xs, i), y);
    }

    /// <summary>dst[i] = op(x, y[i]): the left operand is one scalar (a broadcast).</summary>
    public static void BinaryScalarLeft<T, TOp>(T x, ReadOnlySpan<T> y, Span<T> dst)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        if (y.Length != dst.Length) throw new ArgumentException($"Length mismatch: source {y.Length}, destination {dst.Length}.");
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = y.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var xv = Vector512.Create(x);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                TOp.Invoke(xv, Vector512.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ds, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var xv = Vector256.Create(x);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Invoke(xv, Vector256.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(x, Unsafe.Add(ref ys, i));
    }
}
