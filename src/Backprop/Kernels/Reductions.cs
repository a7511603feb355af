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
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Sum(x, VectorWidths.Widest);

    /// <summary>Σᵢ x[i] with vectors of <paramref name="width"/>: four vector accumulators over blocks of four vectors,
    /// one more for the remaining whole vectors, ((a0 + a1) + (a2 + a3)) reduced lane by lane, then the tail in order.</summary>
    internal static T Sum<T>(ReadOnlySpan<T> x, VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        T total = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Sum<T, Vector512<T>, Width512<T>>(ref xs, n, ref i),
            VectorWidth.Bits256 => Sum<T, Vector256<T>, Width256<T>>(ref xs, n, ref i),
            VectorWidth.Bits128 => Sum<T, Vector128<T>, Width128<T>>(ref xs, n, ref i),
            _ => T.Zero,
        };
        for (; i < n; i++) total += Unsafe.Add(ref xs, i);
        return total;
    }

    private static T Sum<T, TVec, TW>(ref T xs, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int w = TW.Count;
        if (n < w) return T.Zero;
        TVec a0 = TW.Zero, a1 = a0, a2 = a0, a3 = a0;
        for (; i <= n - 4 * w; i += 4 * w)
        {
            a0 = TW.Add(a0, TW.Load(ref xs, (nuint)i));
            a1 = TW.Add(a1, TW.Load(ref xs, (nuint)(i + w)));
            a2 = TW.Add(a2, TW.Load(ref xs, (nuint)(i + 2 * w)));
            a3 = TW.Add(a3, TW.Load(ref xs, (nuint)(i + 3 * w)));
        }
        for (; i <= n - w; i += w) a0 = TW.Add(a0, TW.Load(ref xs, (nuint)i));
        return TW.Sum(TW.Add(TW.Add(a0, a1), TW.Add(a2, a3)));
    }

    /// <summary>Σᵢ op(x[i]) (e.g. Σ e^xᵢ for log-softmax) without writing op(x) anywhere: one vector accumulator per
    /// lane position, reduced, then the tail in order.</summary>
    public static T SumOf<T, TOp>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryOperator<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        T total = VectorWidths.For<T>(VectorWidths.Widest) switch
        {
            VectorWidth.Bits512 => SumOf<T, TOp, Vector512<T>, Width512<T>>(ref xs, n, ref i),
            VectorWidth.Bits256 => SumOf<T, TOp, Vector256<T>, Width256<T>>(ref xs, n, ref i),
            VectorWidth.Bits128 => SumOf<T, TOp, Vector128<T>, Width128<T>>(ref xs, n, ref i),
            _ => T.Zero,
        };
        for (; i < n; i++) total += TOp.Invoke(Unsafe.Add(ref xs, i));
        return total;
    }

    private static T SumOf<T, TOp, TVec, TW>(ref T xs, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryOperator<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (n < TW.Count) return T.Zero;
        TVec acc = TW.Zero;
        for (; i <= n - TW.Count; i += TW.Count) acc = TW.Add(acc, TW.Apply<TOp>(TW.Load(ref xs, (nuint)i)));
        return TW.Sum(acc);
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
