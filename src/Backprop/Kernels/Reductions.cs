using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>Reductions over spans: Σx, max x, argmax x, and the strided forms a tensor axis needs.
/// Sums use several vector accumulators in a fixed order, so results are deterministic.</summary>
public static class Reductions
{
    /// <summary>Σᵢ x[i].</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        T total = T.Zero;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= Vector512<T>.Count)
        {
            int w = Vector512<T>.Count;
            Vector512<T> a0 = Vector512<T>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 += Vector512.LoadUnsafe(ref xs, (nuint)i);
                a1 += Vector512.LoadUnsafe(ref xs, (nuint)(i + w));
                a2 += Vector512.LoadUnsafe(ref xs, (nuint)(i + 2 * w));
                a3 += Vector512.LoadUnsafe(ref xs, (nuint)(i + 3 * w));
            }
            for (; i <= n - w; i += w) a0 += Vector512.LoadUnsafe(ref xs, (nuint)i);
            total = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
        {
            int w = Vector256<T>.Count;
            Vector256<T> a0 = Vector256<T>.Zero, a1 = a0;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                a0 += Vector256.LoadUnsafe(ref xs, (nuint)i);
                a1 += Vector256.LoadUnsafe(ref xs, (nuint)(i + w));
            }
            for (; i <= n - w; i += w) a0 += Vector256.LoadUnsafe(ref xs, (nuint)i);
            total = Vector256.Sum(a0 + a1);
        }
        for (; i < n; i++) total += Unsafe.Add(ref xs, i);
        return total;
    }

    /// <summary>maxᵢ x[i]; NaN if any element is NaN; −∞ for an empty span.</summary>
    public static T Max<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x.IsEmpty ? T.NegativeInfinity : TensorPrimitives.Max(x);

    /// <summary>The first index of the largest element (NaN counts as largest, as in NumPy); −1 for an empty span.</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty) return -1;
        int best = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (T.IsNaN(x[i])) return i;
            if (x[i] > x[best]) best = i;
        }
        return best;
    }

    /// <summary>acc[j] += x[j] for a row x: the inner step of a sum over a leading axis.</summary>
    public static void AddInto<T>(ReadOnlySpan<T> x, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, AddOperator<T>>(acc, x, acc);

    /// <summary>acc[j] = max(acc[j], x[j]).</summary>
    public static void MaxInto<T>(ReadOnlySpan<T> x, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, MaxOperator<T>>(acc, x, acc);
}
