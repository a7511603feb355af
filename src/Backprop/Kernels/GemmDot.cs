using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>C = α·A·Bᵀ + β·C as dot products along k, without packing, for the one case where rows of A and of the
/// stored B are both contiguous in k and C is narrow: the course's forward pass X·W1ᵀ (209×12288 · (20×12288)ᵀ).
/// There the BLIS path would transpose-pack all of A (10 MB) to feed 20 columns; here A streams from memory once.
/// <para>Register block: 6 rows of A × 4 rows of B, 24 vector accumulators cRS (C row R, column S), one 512-bit FMA
/// per (row, column) per k vector, 10 loads per 24 FMAs (m = 209 is 35 blocks of 6 and n = 20 five groups of 4).
/// Loop order: k chunks of <see cref="ChunkBytes"/> outermost, so that a chunk of B (n rows) stays in L2 and a chunk
/// of 6 A rows in L1 while all column groups pass, and A streams from memory once; the partial vector sums wait in
/// a per-thread scratch between chunks. Lane l of an accumulator sums p ≡ l (mod width) in increasing p; after the
/// last chunk each is reduced, the k tail (k mod width) added in order, and α, β applied. That order depends on k
/// alone, so threads (which split the rows) do not change the result.</para>
/// <para>One core reaches about 100 GFLOP/s (float) here, two about 230: the limit is how fast one core pulls the
/// 10 MB of A from L3/memory, not the FMAs (chunk sizes 2–16 KB and software prefetching measured alike).</para></summary>
internal static unsafe class GemmDot
{
    private const int R = 6, S = 4;

    /// <summary>Rows per batch (a multiple of R): the partial sums of a batch, RowBatch·n vectors, take at most 1 MB.</summary>
    private const int RowBatch = 44 * R;

    /// <summary>k per chunk, in bytes: 6 A rows take 24 KB of the 48 KB L1, the n·4 KB of B sit in L2.</summary>
    private const int ChunkBytes = 4096;

    /// <summary>Whether this path beats packing: A·Bᵀ, 512-bit vectors, long dot products (k ≥ 256), few columns
    /// (n ≤ 64: the BLIS path would spend most of its time transpose-packing A for them).</summary>
    public static bool Suits<T>(in GemmJob<T> job, bool wide) where T : unmanaged
        => wide && !job.TransA && job.TransB && job.K >= 256 && job.N <= 64;

    public static void Multiply<T>(GemmJob<T> job, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int blocks = (job.M + R - 1) / R;
        int parts = Math.Min(threads, blocks);
        if (parts <= 1) { Rows(job, 0, job.M); return; }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            int start = Math.Min(job.M, (int)((long)blocks * part / parts) * R);
            int end = Math.Min(job.M, (int)((long)blocks * (part + 1) / parts) * R);
            Rows(job, start, end);
        });
    }

    /// <summary>C[i0..i1, :], in batches of <see cref="RowBatch"/> rows (bounding the scratch): chunks of k, then
    /// row blocks, then column groups; then reduce and write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<T>(GemmJob<T> job, int i0, int i1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count, n = job.N, k = job.K;
        int kv = k - k % w, chunk = ChunkBytes / sizeof(T);
        // + S: an edge block loads (and ignores) up to S − 1 vectors past the last column.
        var scratch = (Vector512<T>*)GemmBuffers<T>.A((Math.Min(RowBatch, i1 - i0) * n + S) * w);
        for (int top = i0; top < i1; top += RowBatch)
        {
            int bottom = Math.Min(i1, top + RowBatch);
            for (int p0 = 0; p0 < kv; p0 += chunk)
            {
                int steps = Math.Min(chunk, kv - p0) / w;
                for (int i = top; i < bottom; i += R)
                    for (int j = 0; j < n; j += S)
                        Block(job, i, Math.Min(R, bottom - i), j, Math.Min(S, n - j), p0, steps, scratch + ((nint)(i - top) * n + j), n, p0 == 0);
            }
            for (int i = top; i < bottom; i++)
            {
                T* a = job.A + i * job.Lda;
                T* c = job.C + i * job.Ldc;
                for (int j = 0; j < n; j++)
                {
                    T* b = job.B + j * job.Ldb;
                    T sum = Vector512.Sum(scratch[(nint)(i - top) * n + j]);
                    for (int p = kv; p < k; p++) sum = T.FusedMultiplyAdd(a[p], b[p], sum);
                    c[j] = job.Beta == T.Zero ? job.Alpha * sum : T.FusedMultiplyAdd(job.Alpha, sum, job.Beta * c[j]);
                }
            }
        }
    }

    /// <summary>Adds A[i..i+rows, p0..p0+steps·w] · B[j..j+cols, same]ᵀ to the 6×4 partial sums at <paramref name="acc"/>
    /// (row stride <paramref name="n"/> vectors; zeros when <paramref name="first"/>). Short blocks at the edge repeat
    /// their last row or column and drop its sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<T>(in GemmJob<T> job, int i, int rows, int j, int cols, int p0, int steps, Vector512<T>* acc, nint n, bool first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint lda = job.Lda, ldb = job.Ldb;
        T* a0 = job.A + i * lda + p0;
        T* a1 = rows > 1 ? a0 + 1 * lda : a0;
        T* a2 = rows > 2 ? a0 + 2 * lda : a0;
        T* a3 = rows > 3 ? a0 + 3 * lda : a0;
        T* a4 = rows > 4 ? a0 + 4 * lda : a0;
        T* a5 = rows > 5 ? a0 + 5 * lda : a0;
        T* b0 = job.B + j * ldb + p0;
        T* b1 = cols > 1 ? b0 + 1 * ldb : b0; T* b2 = cols > 2 ? b0 + 2 * ldb : b0; T* b3 = cols > 3 ? b0 + 3 * ldb : b0;
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default,
            c10 = default, c11 = default, c12 = default, c13 = default,
            c20 = default, c21 = default, c22 = default, c23 = default,
            c30 = default, c31 = default, c32 = default, c33 = default,
            c40 = default, c41 = default, c42 = default, c43 = default,
            c50 = default, c51 = default, c52 = default, c53 = default;
        if (!first)
        {
            c00 = acc[0]; c01 = acc[1]; c02 = acc[2]; c03 = acc[3];
            if (rows > 1) { c10 = acc[1 * n + 0]; c11 = acc[1 * n + 1]; c12 = acc[1 * n + 2]; c13 = acc[1 * n + 3]; }
            if (rows > 2) { c20 = acc[2 * n + 0]; c21 = acc[2 * n + 1]; c22 = acc[2 * n + 2]; c23 = acc[2 * n + 3]; }
            if (rows > 3) { c30 = acc[3 * n + 0]; c31 = acc[3 * n + 1]; c32 = acc[3 * n + 2]; c33 = acc[3 * n + 3]; }
            if (rows > 4) { c40 = acc[4 * n + 0]; c41 = acc[4 * n + 1]; c42 = acc[4 * n + 2]; c43 = acc[4 * n + 3]; }
            if (rows > 5) { c50 = acc[5 * n + 0]; c51 = acc[5 * n + 1]; c52 = acc[5 * n + 2]; c53 = acc[5 * n + 3]; }
        }
        int w = Vector512<T>.Count;
        for (int s = 0; s < steps; s++)
        {
            nint p = (nint)s * w;
            var x0 = Vector512.Load(a0 + p); var x1 = Vector512.Load(a1 + p); var x2 = Vector512.Load(a2 + p); var x3 = Vector512.Load(a3 + p); var x4 = Vector512.Load(a4 + p); var x5 = Vector512.Load(a5 + p);
            var y = Vector512.Load(b0 + p);
            c00 = GemmMicroKernel.Fma(x0, y, c00); c10 = GemmMicroKernel.Fma(x1, y, c10); c20 = GemmMicroKernel.Fma(x2, y, c20); c30 = GemmMicroKernel.Fma(x3, y, c30); c40 = GemmMicroKernel.Fma(x4, y, c40); c50 = GemmMicroKernel.Fma(x5, y, c50);
            y = Vector512.Load(b1 + p);
            c01 = GemmMicroKernel.Fma(x0, y, c01); c11 = GemmMicroKernel.Fma(x1, y, c11); c21 = GemmMicroKernel.Fma(x2, y, c21); c31 = GemmMicroKernel.Fma(x3, y, c31); c41 = GemmMicroKernel.Fma(x4, y, c41); c51 = GemmMicroKernel.Fma(x5, y, c51);
            y = Vector512.Load(b2 + p);
            c02 = GemmMicroKernel.Fma(x0, y, c02); c12 = GemmMicroKernel.Fma(x1, y, c12); c22 = GemmMicroKernel.Fma(x2, y, c22); c32 = GemmMicroKernel.Fma(x3, y, c32); c42 = GemmMicroKernel.Fma(x4, y, c42); c52 = GemmMicroKernel.Fma(x5, y, c52);
            y = Vector512.Load(b3 + p);
            c03 = GemmMicroKernel.Fma(x0, y, c03); c13 = GemmMicroKernel.Fma(x1, y, c13); c23 = GemmMicroKernel.Fma(x2, y, c23); c33 = GemmMicroKernel.Fma(x3, y, c33); c43 = GemmMicroKernel.Fma(x4, y, c43); c53 = GemmMicroKernel.Fma(x5, y, c53);
        }
        Store(acc, c00, c01, c02, c03, cols);
        if (rows > 1) Store(acc + 1 * n, c10, c11, c12, c13, cols);
        if (rows > 2) Store(acc + 2 * n, c20, c21, c22, c23, cols);
        if (rows > 3) Store(acc + 3 * n, c30, c31, c32, c33, cols);
        if (rows > 4) Store(acc + 4 * n, c40, c41, c42, c43, cols);
        if (rows > 5) Store(acc + 5 * n, c50, c51, c52, c53, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector512<T>* acc, Vector512<T> s0, Vector512<T> s1, Vector512<T> s2, Vector512<T> s3, int cols)
    {
        acc[0] = s0;
        if (cols > 1) acc[1] = s1;
        if (cols > 2) acc[2] = s2;
        if (cols > 3) acc[3] = s3;
    }
}
