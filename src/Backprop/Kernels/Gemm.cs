using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>C = α·op(A)·op(B) + β·C for row-major matrices, op(X) = X or Xᵀ.
/// op(A) is m×k, op(B) is k×n, C is m×n; lda, ldb, ldc are row strides of A, B and C as stored
/// (A is stored k×m when transposed, B n×k).
/// <para>BLIS-style (Van Zee &amp; van de Geijn): five loops around a register-blocked micro-kernel, with blocks
/// of op(A) and op(B) packed into the order the kernel reads them (<see cref="GemmBlocking"/> gives the sizes and
/// their cache reasoning, <see cref="GemmPacking"/> the layouts, <see cref="GemmMicroKernel"/> the kernel).
/// Tiny products skip packing (<see cref="GemmSmall"/>); long dot products with a few outputs, such as the
/// course's 209×12288 · (20×12288)ᵀ, run along k without packing (<see cref="GemmDot"/>); a few rows times a wide B,
/// such as logistic regression's dW = dZᵀ·X (1×209 · 209×12288), stream B once (<see cref="GemmRows"/>). Every path is
/// written once over the vector width (<see cref="IVectorWidth{T, TVec}"/>) and runs at 512, 256, 128 bits or scalar.</para>
/// <para>Determinism: every C element is computed by one thread, with its k order fixed by the shape alone
/// (the Kc slices, the path chosen), so results are bit-identical for any thread count.</para>
/// <para>Threads split C, never k. Every course shape has a side long enough to split: m = 209 rows for the forward
/// X·W1ᵀ (209×20, k = 12288), n = 12288 columns for dW1 and dX. Splitting k would need a partial C per part and a
/// final sum; that stays deterministic only if the split points and the order of the final adds are fixed by the
/// shape, not by the thread count, and it costs an extra pass over C, so it is left for a machine with more cores
/// than rows of tiles.</para></summary>
public static class Gemm
{
    /// <summary>Upper bound on threads (tests and benchmarks set 1 or 2); results are identical for any value.</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Below this many multiply-adds (m·n·k) packing and threads cost more than they save.</summary>
    internal const long SmallWork = 16 * 1024;

    /// <summary>Below this many multiply-adds (≈ 50–150 µs of work on one core) a second thread costs more than it saves:
    /// waking it and joining costs 10–20 µs on bare metal and far more on a busy VM, where at 2²⁰ the SIGNS ConvNet
    /// (chunked convolution GEMMs of ~2 M) and the char LSTM (per-step 64×512×128 GEMMs) ran slower on 2 threads than on 1
    /// (2nd session of #8: 2²³ took SIGNS from 2.2–2.4 s to 1.75–1.8 s, the LSTM from 18–23 s to 17.3–17.6 s at 2 threads).</summary>
    internal const long ParallelWork = 1 << 23;

    /// <summary>An operand or C of at least this many elements (4 MB of floats) is streamed from beyond L2, and a second
    /// core's share of the memory bandwidth pays for the wake-up even where the multiply-adds are few (logistic
    /// regression's 1×12288·12288×209 streams 10 MB for 2.6 M multiply-adds).</summary>
    internal const long ParallelElements = 1 << 20;

    /// <summary>Whether a product is big enough for threads: <see cref="ParallelWork"/> multiply-adds or an operand of
    /// <see cref="ParallelElements"/>.</summary>
    internal static bool WorthSplitting(int m, int n, int k) =>
        (long)m * n * k >= ParallelWork || Math.Max(Math.Max((long)m * k, (long)k * n), (long)m * n) >= ParallelElements;

    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, MaxThreads, VectorWidths.Widest);

    /// <summary>As the public overload, with the thread cap and the vector width (at most the machine's widest) chosen by
    /// the caller, for tests and benchmarks.</summary>
    internal static unsafe void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, int maxThreads, VectorWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
        {
            var job = new GemmJob<T>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (k == 0) GemmSmall.ScaleC(job);
            else if ((typeof(T) != typeof(float) && typeof(T) != typeof(double)) || (long)m * n * k <= SmallWork)
                GemmSmall.Multiply(job);
            else
            {
                int threads = WorthSplitting(m, n, k) ? Math.Clamp(Math.Min(maxThreads, Environment.ProcessorCount), 1, 64) : 1;
                switch (VectorWidths.For<T>(width))
                {
                    case VectorWidth.Bits512: Run<T, Vector512<T>, Width512<T>>(job, VectorWidth.Bits512, threads); break;
                    case VectorWidth.Bits256: Run<T, Vector256<T>, Width256<T>>(job, VectorWidth.Bits256, threads); break;
                    case VectorWidth.Bits128: Run<T, Vector128<T>, Width128<T>>(job, VectorWidth.Bits128, threads); break;
                    default: Run<T, T, WidthScalar<T>>(job, VectorWidth.Scalar, threads); break;
                }
            }
        }
    }

    /// <summary>One GEMM at one width: the skinny paths where they beat packing, else the five loops.</summary>
    private static void Run<T, TVec, TW>(GemmJob<T> job, VectorWidth width, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (GemmDot.Suits(job)) GemmDot.Multiply<T, TVec, TW>(job, GemmBlocking.HasLargeRegisterFile(width), threads);
        else if (GemmRows.Suits(job)) GemmRows.Multiply<T, TVec, TW>(job, threads);
        else
        {
            var blocking = GemmBlocking.For<T>(width);
            Blis<T, TVec, TW>(blocking.FillsBetterTransposed(job.M, job.N, job.K) ? job.Transposed() : job, blocking, threads);
        }
    }

    /// <summary>Splits C into parts along its longer side (in whole micro-tiles, so tile boundaries and hence results
    /// are the same for any split) and runs the five loops on each part, on the <see cref="WorkerPool"/>.
    /// <para>Each part packs the other operand again, so there is one part per thread, unless that operand is so
    /// small (the course's dX and dW1: 209×20) that up to 4 parts per thread cost under 3 % more packing: then a core
    /// that is not shared with other processes takes more of the parts.</para></summary>
    private static void Blis<T, TVec, TW>(GemmJob<T> job, GemmBlocking blocking, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (threads == 1) { Loops<T, TVec, TW>(job, blocking, 0, job.M, 0, job.N, job.M, job.N); return; }
        bool alongN = job.N >= job.M;
        int unit = alongN ? blocking.Nr : blocking.Mr, extent = alongN ? job.N : job.M;
        int units = (extent + unit - 1) / unit;
        long repacked = alongN ? (long)job.M * job.K : (long)job.N * job.K, work = (long)job.M * job.N * job.K;
        int parts = threads;
        // Packing an element costs about as much as 32 multiply-adds.
        while (parts < 4 * threads && 2L * parts * repacked * 32 <= work * 3 / 100) parts *= 2;
        parts = Math.Min(parts, units);
        WorkerPool.Run(new BlisPart<T, TVec, TW>(job, blocking, alongN, unit, extent, units, parts), parts, threads);
    }

    /// <summary>Part p of <see cref="Blis{T, TVec, TW}"/>: the p-th of <c>parts</c> equal runs of whole units (Nr columns or Mr rows).</summary>
    private readonly struct BlisPart<T, TVec, TW>(GemmJob<T> job, GemmBlocking blocking, bool alongN, int unit, int extent, int units, int parts)
        : IPartWork where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        public void RunPart(int part)
        {
            int start = Math.Min(extent, (int)((long)units * part / parts) * unit);
            int end = Math.Min(extent, (int)((long)units * (part + 1) / parts) * unit);
            // Buffers sized for the largest part, whichever part this thread takes, so that no call re-rents them.
            int largest = (units + parts - 1) / parts * unit;
            if (alongN) Loops<T, TVec, TW>(job, blocking, 0, job.M, start, end, job.M, largest);
            else Loops<T, TVec, TW>(job, blocking, start, end, 0, job.N, largest, job.N);
        }
    }

    /// <summary>The five loops of BLIS over C[i0..i1, j0..j1]. Loop 5 cuts n into Nc-wide panels (B panel → L3, or L2
    /// when one row block uses it, see <see cref="GemmBlocking.NcOneBlock{T}"/>), loop 4 cuts k into Kc slices and packs B
    /// (always in the same k order: the first slice applies β), loop 3 cuts m into Mc-high blocks and packs A (A block → L2),
    /// loop 2 walks Nr-wide B micro-panels (→ L1) and loop 1 runs the Mr-high A micro-panels past each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Loops<T, TVec, TW>(GemmJob<T> job, GemmBlocking blocking, int i0, int i1, int j0, int j1, int rentRows, int rentCols)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int mr = blocking.Mr, nr = blocking.Nr;
        int kcMax = Math.Min(blocking.Kc, job.K);
        int ncBlock = i1 - i0 <= blocking.Mc && !job.TransB ? blocking.NcOneBlock<T>(kcMax) : blocking.Nc;
        T* ap = GemmBuffers<T>.A(RoundUp(Math.Min(blocking.Mc, rentRows), mr) * kcMax);
        T* bp = GemmBuffers<T>.B(RoundUp(Math.Min(ncBlock, rentCols), nr) * kcMax);
        for (int jc = j0; jc < j1; jc += ncBlock)                                       // loop 5
        {
            int nc = Math.Min(ncBlock, j1 - jc);
            for (int pc = 0; pc < job.K; pc += blocking.Kc)                              // loop 4
            {
                int kc = Math.Min(blocking.Kc, job.K - pc);
                bool first = pc == 0, overwrite = first && job.Beta == T.Zero;
                T beta = first ? job.Beta : T.One;
                GemmPacking.PackB<T, TVec, TW>(job.TransB, job.B, job.Ldb, pc, kc, jc, nc, nr, bp);
                for (int ic = i0; ic < i1; ic += blocking.Mc)                            // loop 3
                {
                    int mc = Math.Min(blocking.Mc, i1 - ic);
                    GemmPacking.PackA(job.TransA, job.A, job.Lda, ic, mc, pc, kc, mr, ap);
                    if (kc < GemmBlocking.ShortKc) RowMajorTiles<T, TVec, TW>(job, blocking, ic, mc, jc, nc, kc, ap, bp, beta, overwrite);
                    else
                        for (int jr = 0; jr < nc; jr += nr)                              // loop 2
                            for (int ir = 0; ir < mc; ir += mr)                          // loop 1
                                Tile<T, TVec, TW>(job, blocking, Math.Min(mr, mc - ir), Math.Min(nr, nc - jr), kc, ap + (nint)ir * kc,
                                    bp + (nint)jr * kc, job.CAt(ic + ir, jc + jr), beta, overwrite);
                }
            }
        }
    }

    /// <summary>Loops 2 and 1 swapped, for short k slices (the course's dX = dZ1·W1 has k = 20): each tile is then
    /// mostly its C update, and walking C row panel by row panel writes each C row sequentially, which the
    /// memory system streams far better than the column strips of the BLIS order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RowMajorTiles<T, TVec, TW>(GemmJob<T> job, GemmBlocking blocking, int ic, int mc, int jc, int nc,
        int kc, T* ap, T* bp, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int mr = blocking.Mr, nr = blocking.Nr;
        for (int ir = 0; ir < mc; ir += mr)
            for (int jr = 0; jr < nc; jr += nr)
                Tile<T, TVec, TW>(job, blocking, Math.Min(mr, mc - ir), Math.Min(nr, nc - jr), kc, ap + (nint)ir * kc, bp + (nint)jr * kc,
                    job.CAt(ic + ir, jc + jr), beta, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tile<T, TVec, TW>(in GemmJob<T> job, GemmBlocking blocking, int rows, int cols, int kc, T* aPanel, T* bPanel,
        T* cTile, T beta, bool overwrite) where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (job.TransC) GemmMicroKernel.TransposedTile<T, TVec, TW>(blocking, rows, cols, kc, aPanel, bPanel, cTile, job.Ldc, job.Alpha, beta, overwrite);
        else if (cols < blocking.Nr) GemmMicroKernel.Edge<T, TVec, TW>(blocking, rows, cols, kc, aPanel, bPanel, cTile, job.Ldc, job.Alpha, beta, overwrite);
        else GemmMicroKernel.Tile<T, TVec, TW>(blocking, rows, kc, aPanel, bPanel, cTile, job.Ldc, job.Alpha, beta, overwrite);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static void Check(bool transA, bool transB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"GEMM sizes must be ≥ 0; got m={m}, n={n}, k={k}.");
        (int aRows, int aCols) = transA ? (k, m) : (m, k);
        (int bRows, int bCols) = transB ? (n, k) : (k, n);
        Need("A", aRows, aCols, lda, aLength);
        Need("B", bRows, bCols, ldb, bLength);
        Need("C", m, n, ldc, cLength);
    }

    private static void Need(string name, int rows, int cols, int ld, int length)
    {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) throw new ArgumentException($"GEMM: {name} has {cols} columns but row stride {ld}.");
        long need = (long)(rows - 1) * ld + cols;
        if (length < need) throw new ArgumentException($"GEMM: {name} ({rows}×{cols}, stride {ld}) needs {need} elements; got {length}.");
    }
}
