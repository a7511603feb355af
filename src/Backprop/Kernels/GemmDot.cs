using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>C = α·A·Bᵀ + β·C as dot products along k, without packing, where rows of A and of the stored B are both
/// contiguous in k and C is narrow or short: the course's forward pass X·W1ᵀ (209×12288 · (20×12288)ᵀ), logistic
/// regression's X·wᵀ (n = 1) and batch-1 inference (m = 1). There the five loops would transpose-pack all of A (10 MB)
/// or all of B to feed a few columns or rows; here both stream from memory once.
/// <para>Register block: R rows of A × 4 rows of B, R·4 vector accumulators cRS (C row R, column S), one FMA per
/// (row, column) per k vector: R = 6 with 32 vector registers (24 accumulators + 6 A + 1 B), R = 3 with 16 (12 + 3 + 1);
/// 1×4 for a single row (batch-1 inference) and 8×1 for a single column (X·wᵀ), so that no FMA is spent on repeats.
/// Loop order: k chunks of <see cref="ChunkBytes"/> outermost, so that a chunk of B (n rows) stays in L2 and a chunk
/// of R A rows in L1 while all column groups pass, and A streams from memory once; the partial vector sums wait in
/// a per-thread scratch between chunks. Lane l of an accumulator sums p ≡ l (mod width) in increasing p; after the
/// last chunk each is reduced, the k tail (k mod width) added in order, and α, β applied. That order depends on k and
/// the width alone, so threads (which split the rows) do not change the result.</para>
/// <para>At 512 bits one core reaches about 100 GFLOP/s (float) here, two about 230: the limit is how fast one core
/// pulls the 10 MB of A from L3/memory, not the FMAs.</para></summary>
internal static unsafe partial class GemmDot
{
    private const int S = 4;

    /// <summary>Rows per batch (a multiple of every R: 8, 6, 3): the partial sums of a batch, RowBatch·n vectors, stay bounded.</summary>
    private const int RowBatch = 11 * 24;

    /// <summary>k per chunk, in bytes: 6 A rows take 24 KB of a 32–48 KB L1, the n·4 KB of B sit in L2.</summary>
    private const int ChunkBytes = 4096;

    /// <summary>Whether this path beats packing: A·Bᵀ, long dot products (k ≥ 256), and few columns (n ≤ 64: the five
    /// loops would spend most of their time transpose-packing A) or few rows (m ≤ 4: packing all of B for them).</summary>
    public static bool Suits<T>(in GemmJob<T> job) where T : unmanaged
        => !job.TransA && job.TransB && job.K >= 256 && (job.N <= 64 || job.M <= 4);

    public static void Multiply<T, TVec, TW>(GemmJob<T> job, bool largeRegisterFile, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int r = job.N == 1 ? 8 : largeRegisterFile ? 6 : 3;
        int blocks = (job.M + r - 1) / r;
        int parts = Math.Min(threads, blocks);
        WorkerPool.Run(new Part<T, TVec, TW>(job, r, blocks, parts), parts, threads);
    }

    private readonly struct Part<T, TVec, TW>(GemmJob<T> job, int r, int blocks, int parts) : IPartWork
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        public void RunPart(int part)
        {
            int start = Math.Min(job.M, (int)((long)blocks * part / parts) * r);
            int end = Math.Min(job.M, (int)((long)blocks * (part + 1) / parts) * r);
            Rows<T, TVec, TW>(job, r, start, end, (blocks + parts - 1) / parts * r);
        }
    }

    /// <summary>C[i0..i1, :], in batches of <see cref="RowBatch"/> rows (bounding the scratch): chunks of k, then
    /// row blocks, then column groups; then reduce and write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<T, TVec, TW>(GemmJob<T> job, int r, int i0, int i1, int largestPart)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int w = TW.Count, n = job.N, k = job.K;
        int kv = k - k % w, chunk = ChunkBytes / sizeof(T);
        // + S: an edge block loads (and ignores) up to S − 1 vectors past the last column. Sized for the largest part,
        // whichever part this thread takes, so that no call re-rents it.
        var scratch = (TVec*)GemmBuffers<T>.A((Math.Min(RowBatch, largestPart) * n + S) * w);
        for (int top = i0; top < i1; top += RowBatch)
        {
            int bottom = Math.Min(i1, top + RowBatch);
            for (int p0 = 0; p0 < kv; p0 += chunk)
            {
                int steps = Math.Min(chunk, kv - p0) / w;
                for (int i = top; i < bottom; i += r)
                    for (int j = 0; j < n; j += S)
                    {
                        TVec* acc = scratch + ((nint)(i - top) * n + j);
                        int rows = Math.Min(r, bottom - i), cols = Math.Min(S, n - j);
                        if (n == 1) Column8<T, TVec, TW>(job, i, rows, p0, steps, acc, p0 == 0);
                        else if (rows == 1) Block1<T, TVec, TW>(job, i, j, cols, p0, steps, acc, p0 == 0);
                        else if (r == 6) Block6<T, TVec, TW>(job, i, rows, j, cols, p0, steps, acc, n, p0 == 0);
                        else Block3<T, TVec, TW>(job, i, rows, j, cols, p0, steps, acc, n, p0 == 0);
                    }
            }
            for (int i = top; i < bottom; i++)
            {
                T* a = job.A + i * job.Lda;
                T* c = job.C + i * job.Ldc;
                for (int j = 0; j < n; j++)
                {
                    T* b = job.B + j * job.Ldb;
                    T sum = kv > 0 ? TW.Sum(scratch[(nint)(i - top) * n + j]) : T.Zero;
                    for (int p = kv; p < k; p++) sum = TW.Fused ? T.FusedMultiplyAdd(a[p], b[p], sum) : a[p] * b[p] + sum;
                    c[j] = job.Beta == T.Zero ? job.Alpha * sum
                        : TW.Fused ? T.FusedMultiplyAdd(job.Alpha, sum, job.Beta * c[j]) : job.Alpha * sum + job.Beta * c[j];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVec>(TVec* acc, TVec s0, TVec s1, TVec s2, TVec s3, int cols) where TVec : unmanaged
    {
        acc[0] = s0;
        if (cols > 1) acc[1] = s1;
        if (cols > 2) acc[2] = s2;
        if (cols > 3) acc[3] = s3;
    }
}
