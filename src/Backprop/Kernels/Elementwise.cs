using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>The one elementwise driver: dst[i] = op(x[i]) or op(x[i], y[i]), as one vector loop written over the width
/// (<see cref="IVectorWidth{T, TVec}"/>: 512-, 256- or 128-bit, the widest the machine accelerates) and a scalar tail.
/// Lengths are checked once at entry; the loops then run unchecked. In-place use (dst aliasing x or y exactly) is
/// allowed. The overloads taking a <see cref="VectorWidth"/> run a narrower width on purpose (tests run every width).</summary>
public static class Elementwise
{
    /// <summary>Spans of at least this many elements (1 MB of floats: a CNN's activations) are split between the kernel
    /// threads: memory-bound passes over them gain from a second core's share of the bandwidth. Each element is computed
    /// alone, so the bits do not depend on the split.</summary>
    internal const int ParallelElements = 1 << 18;

    /// <summary>dst[i] = op(x[i]).</summary>
    public static unsafe void Unary<T, TOp>(ReadOnlySpan<T> x, Span<T> dst)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        int threads = Threads(x.Length);
        if (threads == 1 || x.Length != dst.Length) { Unary<T, TOp>(x, dst, VectorWidths.Widest); return; }
        fixed (T* px = x) fixed (T* pd = dst)
            WorkerPool.Run(new UnaryPart<T, TOp>(px, pd, x.Length, threads), threads, threads);
    }

    /// <summary>dst[i] = op(x[i], y[i]).</summary>
    public static unsafe void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        int threads = Threads(x.Length);
        if (threads == 1 || x.Length != dst.Length || y.Length != dst.Length) { Binary<T, TOp>(x, y, dst, VectorWidths.Widest); return; }
        fixed (T* px = x) fixed (T* py = y) fixed (T* pd = dst)
            WorkerPool.Run(new BinaryPart<T, TOp>(px, py, pd, x.Length, threads), threads, threads);
    }

    private static int Threads(int length) =>
        length >= ParallelElements ? Math.Clamp(Math.Min(Gemm.MaxThreads, Environment.ProcessorCount), 1, 8) : 1;

    /// <summary>Part p of <c>parts</c>: elements [n·p/parts, n·(p+1)/parts), rounded to whole cache lines.</summary>
    private static (int Start, int Length) Range(int n, int part, int parts)
    {
        int start = (int)((long)n * part / parts) & ~15, end = part == parts - 1 ? n : (int)((long)n * (part + 1) / parts) & ~15;
        return (start, end - start);
    }

    private readonly unsafe struct UnaryPart<T, TOp>(T* x, T* dst, int n, int parts) : IPartWork
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        public void RunPart(int part)
        {
            var (start, length) = Range(n, part, parts);
            Unary<T, TOp>(new ReadOnlySpan<T>(x + start, length), new Span<T>(dst + start, length), VectorWidths.Widest);
        }
    }

    private readonly unsafe struct BinaryPart<T, TOp>(T* x, T* y, T* dst, int n, int parts) : IPartWork
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        public void RunPart(int part)
        {
            var (start, length) = Range(n, part, parts);
            Binary<T, TOp>(new ReadOnlySpan<T>(x + start, length), new ReadOnlySpan<T>(y + start, length), new Span<T>(dst + start, length), VectorWidths.Widest);
        }
    }

    /// <summary>dst[i] = op(x[i], y): the right operand is one scalar (a broadcast).</summary>
    public static void BinaryScalarRight<T, TOp>(ReadOnlySpan<T> x, T y, Span<T> dst)
        where T : unmanaged where TOp : IBinaryOperator<T> => BinaryScalarRight<T, TOp>(x, y, dst, VectorWidths.Widest);

    /// <summary>dst[i] = op(x, y[i]): the left operand is one scalar (a broadcast).</summary>
    public static void BinaryScalarLeft<T, TOp>(T x, ReadOnlySpan<T> y, Span<T> dst)
        where T : unmanaged where TOp : IBinaryOperator<T> => BinaryScalarLeft<T, TOp>(x, y, dst, VectorWidths.Widest);

    internal static void Unary<T, TOp>(ReadOnlySpan<T> x, Span<T> dst, VectorWidth width)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        if (x.Length != dst.Length) throw new ArgumentException($"Length mismatch: source {x.Length}, destination {dst.Length}.");
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = x.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Unary<T, TOp, Vector512<T>, Width512<T>>(ref xs, ref ds, n),
            VectorWidth.Bits256 => Unary<T, TOp, Vector256<T>, Width256<T>>(ref xs, ref ds, n),
            VectorWidth.Bits128 => Unary<T, TOp, Vector128<T>, Width128<T>>(ref xs, ref ds, n),
            _ => 0,
        };
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(Unsafe.Add(ref xs, i));
    }

    internal static void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst, VectorWidth width)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        if (x.Length != dst.Length || y.Length != dst.Length)
            throw new ArgumentException($"Length mismatch: {x.Length}, {y.Length} -> {dst.Length}.");
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = x.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Binary<T, TOp, Vector512<T>, Width512<T>>(ref xs, ref ys, ref ds, n),
            VectorWidth.Bits256 => Binary<T, TOp, Vector256<T>, Width256<T>>(ref xs, ref ys, ref ds, n),
            VectorWidth.Bits128 => Binary<T, TOp, Vector128<T>, Width128<T>>(ref xs, ref ys, ref ds, n),
            _ => 0,
        };
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
    }

    internal static void BinaryScalarRight<T, TOp>(ReadOnlySpan<T> x, T y, Span<T> dst, VectorWidth width)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        if (x.Length != dst.Length) throw new ArgumentException($"Length mismatch: source {x.Length}, destination {dst.Length}.");
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = x.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Broadcast<T, TOp, Vector512<T>, Width512<T>>(ref xs, y, ref ds, n, scalarLeft: false),
            VectorWidth.Bits256 => Broadcast<T, TOp, Vector256<T>, Width256<T>>(ref xs, y, ref ds, n, scalarLeft: false),
            VectorWidth.Bits128 => Broadcast<T, TOp, Vector128<T>, Width128<T>>(ref xs, y, ref ds, n, scalarLeft: false),
            _ => 0,
        };
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(Unsafe.Add(ref xs, i), y);
    }

    internal static void BinaryScalarLeft<T, TOp>(T x, ReadOnlySpan<T> y, Span<T> dst, VectorWidth width)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        if (y.Length != dst.Length) throw new ArgumentException($"Length mismatch: source {y.Length}, destination {dst.Length}.");
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T ds = ref MemoryMarshal.GetReference(dst);
        int n = y.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Broadcast<T, TOp, Vector512<T>, Width512<T>>(ref ys, x, ref ds, n, scalarLeft: true),
            VectorWidth.Bits256 => Broadcast<T, TOp, Vector256<T>, Width256<T>>(ref ys, x, ref ds, n, scalarLeft: true),
            VectorWidth.Bits128 => Broadcast<T, TOp, Vector128<T>, Width128<T>>(ref ys, x, ref ds, n, scalarLeft: true),
            _ => 0,
        };
        for (; i < n; i++) Unsafe.Add(ref ds, i) = TOp.Invoke(x, Unsafe.Add(ref ys, i));
    }

    /// <summary>The vector loop of <see cref="Unary{T, TOp}(ReadOnlySpan{T}, Span{T})"/>; returns where the tail starts.</summary>
    private static int Unary<T, TOp, TVec, TW>(ref T xs, ref T ds, int n)
        where T : unmanaged where TOp : IUnaryOperator<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
            TW.Store(TW.Apply<TOp>(TW.Load(ref xs, (nuint)i)), ref ds, (nuint)i);
        return i;
    }

    private static int Binary<T, TOp, TVec, TW>(ref T xs, ref T ys, ref T ds, int n)
        where T : unmanaged where TOp : IBinaryOperator<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
            TW.Store(TW.Apply<TOp>(TW.Load(ref xs, (nuint)i), TW.Load(ref ys, (nuint)i)), ref ds, (nuint)i);
        return i;
    }

    /// <summary>op(v[i], s), or op(s, v[i]) when <paramref name="scalarLeft"/>.</summary>
    private static int Broadcast<T, TOp, TVec, TW>(ref T vs, T s, ref T ds, int n, bool scalarLeft)
        where T : unmanaged where TOp : IBinaryOperator<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var sv = TW.Create(s);
        int i = 0;
        if (scalarLeft)
            for (; i <= n - TW.Count; i += TW.Count) TW.Store(TW.Apply<TOp>(sv, TW.Load(ref vs, (nuint)i)), ref ds, (nuint)i);
        else
            for (; i <= n - TW.Count; i += TW.Count) TW.Store(TW.Apply<TOp>(TW.Load(ref vs, (nuint)i), sv), ref ds, (nuint)i);
        return i;
    }
}
