using System.Runtime.CompilerServices;
using System.Numerics;

namespace Backprop.Kernels;

/// <summary>GEMM for products too small to repay packing and threads (m·n·k ≤ <see cref="Gemm.SmallWork"/>, such as
/// the course's 2×4 · 4×400), for k = 0, and for element types other than float and double: the definition,
/// C[i,j] = α·Σₚ op(A)[i,p]·op(B)[p,j] + β·C[i,j], one output at a time with p in order.</summary>
internal static unsafe class GemmSmall
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(in GemmJob<T> job) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Strides of op(A) along (i, p) and of op(B) along (p, j), so one loop serves all four transposes.
        (nint ai, nint ap) = job.TransA ? ((nint)1, job.Lda) : (job.Lda, 1);
        (nint bp, nint bj) = job.TransB ? ((nint)1, job.Ldb) : (job.Ldb, 1);
        for (int i = 0; i < job.M; i++)
        {
            T* aRow = job.A + i * ai;
            T* cRow = job.C + i * job.Ldc;
            int j = 0;
            // Four outputs at a time: four independent add chains instead of one latency-bound chain.
            for (; j + 3 < job.N; j += 4)
            {
                T* b0 = job.B + j * bj;
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                for (int p = 0; p < job.K; p++)
                {
                    T x = aRow[p * ap];
                    T* bRow = b0 + p * bp;
                    s0 += x * bRow[0];
                    s1 += x * bRow[bj];
                    s2 += x * bRow[2 * bj];
                    s3 += x * bRow[3 * bj];
                }
                Write(job, cRow + j, s0);
                Write(job, cRow + j + 1, s1);
                Write(job, cRow + j + 2, s2);
                Write(job, cRow + j + 3, s3);
            }
            for (; j < job.N; j++)
            {
                T* bCol = job.B + j * bj;
                T sum = T.Zero;
                for (int p = 0; p < job.K; p++) sum += aRow[p * ap] * bCol[p * bp];
                Write(job, cRow + j, sum);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<T>(in GemmJob<T> job, T* c, T sum) where T : unmanaged, IFloatingPointIeee754<T>
        => *c = job.Beta == T.Zero ? job.Alpha * sum : job.Alpha * sum + job.Beta * *c;

    /// <summary>C = β·C (k = 0: the product is empty); β = 0 writes zeros whatever C held, NaN included.</summary>
    public static void ScaleC<T>(in GemmJob<T> job) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < job.M; i++)
        {
            var row = new Span<T>(job.C + i * job.Ldc, job.N);
            if (job.Beta == T.Zero) row.Clear();
            else foreach (ref T x in row) x *= job.Beta;
        }
    }
}
