using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>C = α·op(A)·B + β·C for a few rows (m ≤ <see cref="MaxRows"/>) and B not transposed: each row of C is
/// Σₚ a(i,p)·B[p,:], a sum of scaled rows of B, so B streams from memory once, unpacked, and no FMA is spent on padding
/// rows. That is logistic regression's dW = dZᵀ·X (1×209 · 209×12288): the five loops would run a 10- or 6-row
/// micro-kernel for 1 row there. Columns go in blocks of 4 vectors (4 independent FMA chains per row, enough to keep
/// the loads, not the FMAs, the limit); per element the sum runs over p in order, one chain, at any width and thread
/// count. Threads split the columns.</summary>
internal static unsafe class GemmRows
{
    public const int MaxRows = 4;

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
            for (int i = 0; i < job.M; i++) Row<T, TVec, TW>(job, i, j0, j1);
        }
    }

    /// <summary>C[i, j0..j1] ← α·Σₚ op(A)[i,p]·B[p, j0..j1] + β·C[i, j0..j1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row<T, TVec, TW>(in GemmJob<T> job, int i, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int w = TW.Count, k = job.K;
        nint ap = job.TransA ? job.Lda : 1, ldb = job.Ldb;
        T* a = job.A + (job.TransA ? i : i * job.Lda);
        T* c = job.C + i * job.Ldc;
        bool overwrite = job.Beta == T.Zero;
        TVec va = TW.Create(job.Alpha), vb = TW.Create(job.Beta);
        int j = j0;
        for (; j + 4 * w <= j1; j += 4 * w)
        {
            TVec s0 = TW.Zero, s1 = s0, s2 = s0, s3 = s0;
            T* b = job.B + j;
            for (int p = 0; p < k; p++, b += ldb)
            {
                var x = TW.Create(a[p * ap]);
                s0 = TW.MultiplyAdd(x, TW.Load(b), s0);
                s1 = TW.MultiplyAdd(x, TW.Load(b + w), s1);
                s2 = TW.MultiplyAdd(x, TW.Load(b + 2 * w), s2);
                s3 = TW.MultiplyAdd(x, TW.Load(b + 3 * w), s3);
            }
            Write<T, TVec, TW>(c + j, s0, va, vb, overwrite);
            Write<T, TVec, TW>(c + j + w, s1, va, vb, overwrite);
            Write<T, TVec, TW>(c + j + 2 * w, s2, va, vb, overwrite);
            Write<T, TVec, TW>(c + j + 3 * w, s3, va, vb, overwrite);
        }
        for (; j + w <= j1; j += w)
        {
            TVec s = TW.Zero;
            T* b = job.B + j;
            for (int p = 0; p < k; p++, b += ldb) s = TW.MultiplyAdd(TW.Create(a[p * ap]), TW.Load(b), s);
            Write<T, TVec, TW>(c + j, s, va, vb, overwrite);
        }
        for (; j < j1; j++)
        {
            T s = T.Zero;
            T* b = job.B + j;
            for (int p = 0; p < k; p++, b += ldb) s = TW.Fused ? T.FusedMultiplyAdd(a[p * ap], *b, s) : a[p * ap] * *b + s;
            c[j] = overwrite ? job.Alpha * s : TW.Fused ? T.FusedMultiplyAdd(job.Alpha, s, job.Beta * c[j]) : job.Alpha * s + job.Beta * c[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<T, TVec, TW>(T* c, TVec sum, TVec alpha, TVec beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
        => TW.Store(overwrite ? TW.Multiply(alpha, sum) : TW.MultiplyAdd(alpha, sum, TW.Multiply(beta, TW.Load(c))), c);
}
