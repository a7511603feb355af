using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>C = α·op(A)·B + β·C for a few rows (m ≤ <see cref="MaxRows"/>) and B not transposed: each row of C is
/// Σₚ a(i,p)·B[p,:], a sum of scaled rows of B, so B streams from memory once per row of C, unpacked, and no FMA is
/// spent on padding rows. That is logistic regression's dW = dZᵀ·X (1×209 · 209×12288): the five loops would run a
/// 10- or 6-row micro-kernel for 1 row there.
/// <para>Loop order: chunks of <see cref="ChunkRows"/> rows of B outermost, then the columns in blocks of 4 vectors
/// (4 independent FMA chains), then the rows of the chunk. B is thus read as a few sequential row streams (friendly to
/// the prefetchers and the TLB, unlike a walk down 209 rows 48 KB apart), while the partial sums S (one C row, 48 KB
/// for n = 12288) stay in L1/L2 in a per-thread scratch. Per element, S still sums p = 0..k−1 in order, one FMA
/// chain, whatever the chunking, width or thread count; then C = α·S + β·C. Threads split the columns.</para></summary>
internal static unsafe class GemmRows
{
    public const int MaxRows = 4;

    /// <summary>Rows of B per chunk: 8 concurrent streams.</summary>
    private const int ChunkRows = 8;

    /// <summary>Whether this path serves the job: few rows, B's rows contiguous, n long enough to be worth vectors.</summary>
    public static bool Suits<T>(in GemmJob<T> job) where T : unmanaged => job.M <= MaxRows && !job.TransB && job.N >= 64;

    public static void Multiply<T, TVec, TW>(GemmJob<T> job, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int block = 4 * TW.Count, blocks = (job.N + block - 1) / block;
        int parts = Math.Min(threads, blocks);
        WorkerPool.Run(new Part<T, TVec, TW>(job, block, blocks, parts), parts, threads);
    }

    private readonly struct Part<T, TVec, TW>(GemmJob<T> job, int block, int blocks, int parts) : IPartWork
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        public void RunPart(int part)
        {
            int j0 = Math.Min(job.N, (int)((long)blocks * part / parts) * block);
            int j1 = Math.Min(job.N, (int)((long)blocks * (part + 1) / parts) * block);
            T* sums = GemmBuffers<T>.A((blocks + parts - 1) / parts * block);   // the largest part's, whichever this is
            for (int i = 0; i < job.M; i++) Row<T, TVec, TW>(job, i, j0, j1, sums);
        }
    }

    /// <summary>C[i, j0..j1] ← α·Σₚ op(A)[i,p]·B[p, j0..j1] + β·C[i, j0..j1], with S in <paramref name="s"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row<T, TVec, TW>(in GemmJob<T> job, int i, int j0, int j1, T* s)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int w = TW.Count, k = job.K, n = j1 - j0;
        nint ap = job.TransA ? job.Lda : 1, ldb = job.Ldb;
        T* a = job.A + (job.TransA ? i : i * job.Lda);
        new Span<T>(s, n).Clear();
        for (int p0 = 0; p0 < k; p0 += ChunkRows)
        {
            int p1 = Math.Min(k, p0 + ChunkRows);
            T* b0 = job.B + p0 * ldb + j0;
            int j = 0;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                TVec s0 = TW.Load(s + j), s1 = TW.Load(s + j + w), s2 = TW.Load(s + j + 2 * w), s3 = TW.Load(s + j + 3 * w);
                T* b = b0 + j;
                for (int p = p0; p < p1; p++, b += ldb)
                {
                    var x = TW.Create(a[p * ap]);
                    s0 = TW.MultiplyAdd(x, TW.Load(b), s0);
                    s1 = TW.MultiplyAdd(x, TW.Load(b + w), s1);
                    s2 = TW.MultiplyAdd(x, TW.Load(b + 2 * w), s2);
                    s3 = TW.MultiplyAdd(x, TW.Load(b + 3 * w), s3);
                }
                TW.Store(s0, s + j); TW.Store(s1, s + j + w); TW.Store(s2, s + j + 2 * w); TW.Store(s3, s + j + 3 * w);
            }
            for (; j + w <= n; j += w)
            {
                TVec s0 = TW.Load(s + j);
                T* b = b0 + j;
                for (int p = p0; p < p1; p++, b += ldb) s0 = TW.MultiplyAdd(TW.Create(a[p * ap]), TW.Load(b), s0);
                TW.Store(s0, s + j);
            }
            for (; j < n; j++)
            {
                T* b = b0 + j;
                for (int p = p0; p < p1; p++, b += ldb) s[j] = TW.Fused ? T.FusedMultiplyAdd(a[p * ap], *b, s[j]) : a[p * ap] * *b + s[j];
            }
        }
        Write<T, TVec, TW>(job, job.C + i * job.Ldc + j0, s, n);
    }

    /// <summary>C = α·S + β·C (C = α·S when β = 0, whatever C held), the full tiles' update.</summary>
    private static void Write<T, TVec, TW>(in GemmJob<T> job, T* c, T* s, int n)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        bool overwrite = job.Beta == T.Zero;
        TVec va = TW.Create(job.Alpha), vb = TW.Create(job.Beta);
        int j = 0, w = TW.Count;
        for (; j + w <= n; j += w)
            TW.Store(overwrite ? TW.Multiply(va, TW.Load(s + j)) : TW.MultiplyAdd(va, TW.Load(s + j), TW.Multiply(vb, TW.Load(c + j))), c + j);
        for (; j < n; j++)
            c[j] = overwrite ? job.Alpha * s[j] : TW.Fused ? T.FusedMultiplyAdd(job.Alpha, s[j], job.Beta * c[j]) : job.Alpha * s[j] + job.Beta * c[j];
    }
}
