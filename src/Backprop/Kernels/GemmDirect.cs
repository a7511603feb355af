using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>C = α·op(A)·op(B) + β·C without packing, register-blocked for the skinny shapes of the course
/// (e.g. 209×12288 · (20×12288)ᵀ). Two micro-kernels: for op(B) = B (row-major k×n) a 4-row × 2-vector block of C
/// accumulates α(i,p)·B[p, j…] over p (the "axpy" form, B streamed by rows); for op(B) = Bᵀ with A untransposed a
/// 4×4 block of dot products runs along contiguous rows of A and B. Every C element is produced by one thread in a
/// fixed p order, so results do not depend on the thread count.</summary>
internal static class GemmDirect
{
    private const int RowBlock = 4;

    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (transB && transA) { Naive(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); return; }
        unsafe
        {
            fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
            {
                var job = new Job<T>((nint)pa, (nint)pb, (nint)pc, transA, m, n, k, lda, ldb, ldc, alpha, beta);
                int blocks = (m + RowBlock - 1) / RowBlock;
                long work = (long)m * n * k;
                int threads = work < 2_000_000 ? 1 : Math.Min(maxThreads, blocks);
                if (threads <= 1)
                    for (int blk = 0; blk < blocks; blk++) RunBlock(job, blk, transB);
                else
                    Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, blk => RunBlock(job, blk, transB));
            }
        }
    }

    private readonly record struct Job<T>(nint A, nint B, nint C, bool TransA, int M, int N, int K, int Lda, int Ldb, int Ldc, T Alpha, T Beta);

    private static unsafe void RunBlock<T>(Job<T> job, int block, bool transB) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i0 = block * RowBlock, rows = Math.Min(RowBlock, job.M - i0);
        if (transB) DotBlock(job, i0, rows);
        else AxpyBlock(job, i0, rows);
    }

    /// <summary>C[i0..i0+rows, :] for op(B) = B: for each strip of columns, acc(r, v) += a(i0+r, p) · B[p, strip] over p.</summary>
    private static unsafe void AxpyBlock<T>(Job<T> job, int i0, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* A = (T*)job.A, B = (T*)job.B, C = (T*)job.C;
        int w = Vector512<T>.Count, n = job.N, k = job.K;
        Span<T> coef = stackalloc T[RowBlock];
        int j = 0;
        for (; j + 2 * w <= n; j += 2 * w)
        {
            Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
            for (int p = 0; p < k; p++)
            {
                T* bp = B + (nint)p * job.Ldb + j;
                var b0 = Vector512.Load(bp);
                var b1 = Vector512.Load(bp + w);
                for (int r = 0; r < rows; r++) coef[r] = job.TransA ? A[(nint)p * job.Lda + i0 + r] : A[(nint)(i0 + r) * job.Lda + p];
                var a0 = Vector512.Create(coef[0]);
                c00 = Fma(a0, b0, c00); c01 = Fma(a0, b1, c01);
                if (rows > 1) { var a1 = Vector512.Create(coef[1]); c10 = Fma(a1, b0, c10); c11 = Fma(a1, b1, c11); }
                if (rows > 2) { var a2 = Vector512.Create(coef[2]); c20 = Fma(a2, b0, c20); c21 = Fma(a2, b1, c21); }
                if (rows > 3) { var a3 = Vector512.Create(coef[3]); c30 = Fma(a3, b0, c30); c31 = Fma(a3, b1, c31); }
            }
            Store(job, i0, j, c00, c01);
            if (rows > 1) Store(job, i0 + 1, j, c10, c11);
            if (rows > 2) Store(job, i0 + 2, j, c20, c21);
            if (rows > 3) Store(job, i0 + 3, j, c30, c31);
        }
        for (int r = 0; r < rows; r++)
            for (int jj = j; jj < n; jj++)
            {
                T s = T.Zero;
                for (int p = 0; p < k; p++)
                    s += (job.TransA ? A[(nint)p * job.Lda + i0 + r] : A[(nint)(i0 + r) * job.Lda + p]) * B[(nint)p * job.Ldb + jj];
                Write(job, i0 + r, jj, s);
            }
    }

    /// <summary>C[i0..i0+rows, :] for op(A) = A, op(B) = Bᵀ: C[i, j] = A[i, :] · B[j, :], four B rows at a time.</summary>
    private static unsafe void DotBlock<T>(Job<T> job, int i0, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* A = (T*)job.A, B = (T*)job.B;
        int w = Vector512<T>.Count, k = job.K, kv = k - k % w;
        for (int j0 = 0; j0 < job.N; j0 += 4)
        {
            int cols = Math.Min(4, job.N - j0);
            for (int r = 0; r < rows; r++)
            {
                T* ar = A + (nint)(i0 + r) * job.Lda;
                T* b0 = B + (nint)j0 * job.Ldb;
                T* b1 = cols > 1 ? b0 + job.Ldb : b0;
                T* b2 = cols > 2 ? b0 + 2 * (nint)job.Ldb : b0;
                T* b3 = cols > 3 ? b0 + 3 * (nint)job.Ldb : b0;
                Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
                for (int p = 0; p < kv; p += w)
                {
                    var x = Vector512.Load(ar + p);
                    s0 = Fma(x, Vector512.Load(b0 + p), s0);
                    s1 = Fma(x, Vector512.Load(b1 + p), s1);
                    s2 = Fma(x, Vector512.Load(b2 + p), s2);
                    s3 = Fma(x, Vector512.Load(b3 + p), s3);
                }
                T t0 = Vector512.Sum(s0), t1 = Vector512.Sum(s1), t2 = Vector512.Sum(s2), t3 = Vector512.Sum(s3);
                for (int p = kv; p < k; p++)
                {
                    t0 += ar[p] * b0[p]; t1 += ar[p] * b1[p]; t2 += ar[p] * b2[p]; t3 += ar[p] * b3[p];
                }
                Write(job, i0 + r, j0, t0);
                if (cols > 1) Write(job, i0 + r, j0 + 1, t1);
                if (cols > 2) Write(job, i0 + r, j0 + 2, t2);
                if (cols > 3) Write(job, i0 + r, j0 + 3, t3);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        return a * b + c;
    }

    private static unsafe void Store<T>(Job<T> job, int i, int j, Vector512<T> v0, Vector512<T> v1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* ci = (T*)job.C + (nint)i * job.Ldc + j;
        var alpha = Vector512.Create(job.Alpha);
        if (job.Beta == T.Zero)
        {
            (alpha * v0).Store(ci);
            (alpha * v1).Store(ci + Vector512<T>.Count);
            return;
        }
        var beta = Vector512.Create(job.Beta);
        (alpha * v0 + beta * Vector512.Load(ci)).Store(ci);
        (alpha * v1 + beta * Vector512.Load(ci + Vector512<T>.Count)).Store(ci + Vector512<T>.Count);
    }

    private static unsafe void Write<T>(Job<T> job, int i, int j, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* cij = (T*)job.C + (nint)i * job.Ldc + j;
        *cij = job.Beta == T.Zero ? job.Alpha * s : job.Alpha * s + job.Beta * *cij;
    }

    /// <summary>The definition, for the rare op(A) = Aᵀ with op(B) = Bᵀ.</summary>
    internal static void Naive<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < k; p++)
                    s += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                c[i * ldc + j] = beta == T.Zero ? alpha * s : alpha * s + beta * c[i * ldc + j];
            }
    }
}
