using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>acc[c] += Σ_r m[r·cols + c] over the rows of a row-major matrix: a bias gradient, db = Σ dZ over every output
/// pixel. The rows are taken L at a time as one flat run of L·cols values (a whole number of vectors whatever cols is), summed
/// vector by vector into L·cols partial sums, which are folded into acc at the end; the last rows % L are added one by one.
/// Matrices of at least 2¹⁸ values are cut into <see cref="Parts"/> equal runs of rows, summed on the kernel threads into
/// partial sums that are added to acc in part order. The order depends on the shape alone, never on the thread count.
/// With a few filters and many pixels (SIGNS: 8 × 262,144) a call per row cost more than the sums.</summary>
public static unsafe class ColumnSums
{
    /// <summary>Widest partial-sum block handled on the stack: L·cols ≤ this (16 KB of doubles).</summary>
    internal const int MaxBlock = 2048;

    /// <summary>The runs of rows a large matrix is cut into (fixed, so the sums' order does not depend on the threads).</summary>
    internal const int Parts = 8;

    /// <summary>Matrices of at least this many values are cut into parts.</summary>
    internal const int ParallelElements = 1 << 18;

    [SkipLocalsInit]
    public static void AddInto<T>(ReadOnlySpan<T> m, int cols, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cols <= 0 || m.Length % cols != 0 || acc.Length < cols) throw new ArgumentException($"column sums: {m.Length} values are not rows of {cols}, or acc is short.");
        int rows = m.Length / cols;
        fixed (T* pm = m) fixed (T* pa = acc)
        {
            if (m.Length < ParallelElements || cols * Parts > MaxBlock) { Sum(pm, rows, cols, pa); return; }
            T* partials = stackalloc T[Parts * cols];
            new Span<T>(partials, Parts * cols).Clear();
            int threads = Math.Clamp(Math.Min(Gemm.MaxThreads, Environment.ProcessorCount), 1, Parts);
            WorkerPool.Run(new Part<T>(pm, rows, cols, partials), Parts, threads);
            for (int p = 0; p < Parts; p++)
                for (int c = 0; c < cols; c++) pa[c] += partials[p * cols + c];
        }
    }

    /// <summary>Part p: the column sums of rows [rows·p/8, rows·(p+1)/8) into partials[p·cols ..].</summary>
    private readonly struct Part<T>(T* m, int rows, int cols, T* partials) : IPartWork where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void RunPart(int part)
        {
            int from = (int)((long)rows * part / Parts), to = (int)((long)rows * (part + 1) / Parts);
            Sum(m + (nint)from * cols, to - from, cols, partials + (nint)part * cols);
        }
    }

    private static void Sum<T>(T* m, int rows, int cols, T* acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (VectorWidths.For<T>(VectorWidths.Widest))
        {
            case VectorWidth.Bits512: Run<T, Vector512<T>, Width512<T>>(m, rows, cols, acc); break;
            case VectorWidth.Bits256: Run<T, Vector256<T>, Width256<T>>(m, rows, cols, acc); break;
            case VectorWidth.Bits128: Run<T, Vector128<T>, Width128<T>>(m, rows, cols, acc); break;
            default: Run<T, T, WidthScalar<T>>(m, rows, cols, acc); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void Run<T, TVec, TW>(T* m, int rows, int cols, T* acc)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int lanes = TW.Count, block = lanes * cols, r = 0;
        if (block <= MaxBlock && rows >= lanes)
        {
            T* partial = stackalloc T[block];
            new Span<T>(partial, block).Clear();
            for (; r + lanes <= rows; r += lanes)
            {
                T* run = m + (nint)r * cols;
                for (int v = 0; v < block; v += lanes) TW.Store(TW.Add(TW.Load(partial + v), TW.Load(run + v)), partial + v);
            }
            for (int row = 0; row < lanes; row++)
                for (int c = 0; c < cols; c++) acc[c] += partial[row * cols + c];
        }
        for (; r < rows; r++)
            for (int c = 0; c < cols; c++) acc[c] += m[(nint)r * cols + c];
    }
}
