using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>The register blocks of <see cref="GemmDot"/>: adds A[i..i+rows, p0..p0+steps·w] · B[j..j+cols, same]ᵀ to
/// the R×4 partial sums at acc (row stride n vectors; zeros when first). Short blocks at the edge repeat their last
/// row or column and drop its sums.</summary>
internal static unsafe partial class GemmDot
{
    /// <summary>6×4: for 32 vector registers (AVX-512, NEON).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block6<T, TVec, TW>(in GemmJob<T> job, int i, int rows, int j, int cols, int p0, int steps, TVec* acc, nint n, bool first)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        nint lda = job.Lda, ldb = job.Ldb;
        T* a0 = job.A + i * lda + p0;
        T* a1 = rows > 1 ? a0 + 1 * lda : a0; T* a2 = rows > 2 ? a0 + 2 * lda : a0; T* a3 = rows > 3 ? a0 + 3 * lda : a0;
        T* a4 = rows > 4 ? a0 + 4 * lda : a0; T* a5 = rows > 5 ? a0 + 5 * lda : a0;
        T* b0 = job.B + j * ldb + p0;
        T* b1 = cols > 1 ? b0 + 1 * ldb : b0; T* b2 = cols > 2 ? b0 + 2 * ldb : b0; T* b3 = cols > 3 ? b0 + 3 * ldb : b0;
        TVec c00 = TW.Zero, c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00,
            c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00,
            c40 = c00, c41 = c00, c42 = c00, c43 = c00, c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        if (!first)
        {
            c00 = acc[0]; c01 = acc[1]; c02 = acc[2]; c03 = acc[3];
            if (rows > 1) { c10 = acc[1 * n + 0]; c11 = acc[1 * n + 1]; c12 = acc[1 * n + 2]; c13 = acc[1 * n + 3]; }
            if (rows > 2) { c20 = acc[2 * n + 0]; c21 = acc[2 * n + 1]; c22 = acc[2 * n + 2]; c23 = acc[2 * n + 3]; }
            if (rows > 3) { c30 = acc[3 * n + 0]; c31 = acc[3 * n + 1]; c32 = acc[3 * n + 2]; c33 = acc[3 * n + 3]; }
            if (rows > 4) { c40 = acc[4 * n + 0]; c41 = acc[4 * n + 1]; c42 = acc[4 * n + 2]; c43 = acc[4 * n + 3]; }
            if (rows > 5) { c50 = acc[5 * n + 0]; c51 = acc[5 * n + 1]; c52 = acc[5 * n + 2]; c53 = acc[5 * n + 3]; }
        }
        int w = TW.Count;
        for (int s = 0; s < steps; s++)
        {
            nint p = (nint)s * w;
            var x0 = TW.Load(a0 + p); var x1 = TW.Load(a1 + p); var x2 = TW.Load(a2 + p); var x3 = TW.Load(a3 + p); var x4 = TW.Load(a4 + p); var x5 = TW.Load(a5 + p);
            var y = TW.Load(b0 + p);
            c00 = TW.MultiplyAdd(x0, y, c00); c10 = TW.MultiplyAdd(x1, y, c10); c20 = TW.MultiplyAdd(x2, y, c20); c30 = TW.MultiplyAdd(x3, y, c30); c40 = TW.MultiplyAdd(x4, y, c40); c50 = TW.MultiplyAdd(x5, y, c50);
            y = TW.Load(b1 + p);
            c01 = TW.MultiplyAdd(x0, y, c01); c11 = TW.MultiplyAdd(x1, y, c11); c21 = TW.MultiplyAdd(x2, y, c21); c31 = TW.MultiplyAdd(x3, y, c31); c41 = TW.MultiplyAdd(x4, y, c41); c51 = TW.MultiplyAdd(x5, y, c51);
            y = TW.Load(b2 + p);
            c02 = TW.MultiplyAdd(x0, y, c02); c12 = TW.MultiplyAdd(x1, y, c12); c22 = TW.MultiplyAdd(x2, y, c22); c32 = TW.MultiplyAdd(x3, y, c32); c42 = TW.MultiplyAdd(x4, y, c42); c52 = TW.MultiplyAdd(x5, y, c52);
            y = TW.Load(b3 + p);
            c03 = TW.MultiplyAdd(x0, y, c03); c13 = TW.MultiplyAdd(x1, y, c13); c23 = TW.MultiplyAdd(x2, y, c23); c33 = TW.MultiplyAdd(x3, y, c33); c43 = TW.MultiplyAdd(x4, y, c43); c53 = TW.MultiplyAdd(x5, y, c53);
        }
        Store(acc, c00, c01, c02, c03, cols);
        if (rows > 1) Store(acc + 1 * n, c10, c11, c12, c13, cols);
        if (rows > 2) Store(acc + 2 * n, c20, c21, c22, c23, cols);
        if (rows > 3) Store(acc + 3 * n, c30, c31, c32, c33, cols);
        if (rows > 4) Store(acc + 4 * n, c40, c41, c42, c43, cols);
        if (rows > 5) Store(acc + 5 * n, c50, c51, c52, c53, cols);
    }

    /// <summary>3×4: for 16 vector registers (AVX2, SSE, scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block3<T, TVec, TW>(in GemmJob<T> job, int i, int rows, int j, int cols, int p0, int steps, TVec* acc, nint n, bool first)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        nint lda = job.Lda, ldb = job.Ldb;
        T* a0 = job.A + i * lda + p0;
        T* a1 = rows > 1 ? a0 + 1 * lda : a0; T* a2 = rows > 2 ? a0 + 2 * lda : a0;
        T* b0 = job.B + j * ldb + p0;
        T* b1 = cols > 1 ? b0 + 1 * ldb : b0; T* b2 = cols > 2 ? b0 + 2 * ldb : b0; T* b3 = cols > 3 ? b0 + 3 * ldb : b0;
        TVec c00 = TW.Zero, c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00,
            c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        if (!first)
        {
            c00 = acc[0]; c01 = acc[1]; c02 = acc[2]; c03 = acc[3];
            if (rows > 1) { c10 = acc[1 * n + 0]; c11 = acc[1 * n + 1]; c12 = acc[1 * n + 2]; c13 = acc[1 * n + 3]; }
            if (rows > 2) { c20 = acc[2 * n + 0]; c21 = acc[2 * n + 1]; c22 = acc[2 * n + 2]; c23 = acc[2 * n + 3]; }
        }
        int w = TW.Count;
        for (int s = 0; s < steps; s++)
        {
            nint p = (nint)s * w;
            var x0 = TW.Load(a0 + p); var x1 = TW.Load(a1 + p); var x2 = TW.Load(a2 + p);
            var y = TW.Load(b0 + p);
            c00 = TW.MultiplyAdd(x0, y, c00); c10 = TW.MultiplyAdd(x1, y, c10); c20 = TW.MultiplyAdd(x2, y, c20);
            y = TW.Load(b1 + p);
            c01 = TW.MultiplyAdd(x0, y, c01); c11 = TW.MultiplyAdd(x1, y, c11); c21 = TW.MultiplyAdd(x2, y, c21);
            y = TW.Load(b2 + p);
            c02 = TW.MultiplyAdd(x0, y, c02); c12 = TW.MultiplyAdd(x1, y, c12); c22 = TW.MultiplyAdd(x2, y, c22);
            y = TW.Load(b3 + p);
            c03 = TW.MultiplyAdd(x0, y, c03); c13 = TW.MultiplyAdd(x1, y, c13); c23 = TW.MultiplyAdd(x2, y, c23);
        }
        Store(acc, c00, c01, c02, c03, cols);
        if (rows > 1) Store(acc + 1 * n, c10, c11, c12, c13, cols);
        if (rows > 2) Store(acc + 2 * n, c20, c21, c22, c23, cols);
    }

    /// <summary>1×4: one row of A (batch-1 inference), 4 accumulators, 5 loads per 4 FMAs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1<T, TVec, TW>(in GemmJob<T> job, int i, int j, int cols, int p0, int steps, TVec* acc, bool first)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        nint ldb = job.Ldb;
        T* a0 = job.A + i * job.Lda + p0;
        T* b0 = job.B + j * ldb + p0;
        T* b1 = cols > 1 ? b0 + 1 * ldb : b0; T* b2 = cols > 2 ? b0 + 2 * ldb : b0; T* b3 = cols > 3 ? b0 + 3 * ldb : b0;
        TVec c0 = first ? TW.Zero : acc[0], c1 = first || cols < 2 ? TW.Zero : acc[1];
        TVec c2 = first || cols < 3 ? TW.Zero : acc[2], c3 = first || cols < 4 ? TW.Zero : acc[3];
        int w = TW.Count;
        for (int s = 0; s < steps; s++)
        {
            nint p = (nint)s * w;
            var x = TW.Load(a0 + p);
            c0 = TW.MultiplyAdd(x, TW.Load(b0 + p), c0); c1 = TW.MultiplyAdd(x, TW.Load(b1 + p), c1);
            c2 = TW.MultiplyAdd(x, TW.Load(b2 + p), c2); c3 = TW.MultiplyAdd(x, TW.Load(b3 + p), c3);
        }
        Store(acc, c0, c1, c2, c3, cols);
    }

    /// <summary>8×1: eight rows of A against the one row of B (n = 1, as in X·wᵀ), 8 accumulators (row stride 1, since n = 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Column8<T, TVec, TW>(in GemmJob<T> job, int i, int rows, int p0, int steps, TVec* acc, bool first)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        nint lda = job.Lda;
        T* a0 = job.A + i * lda + p0;
        T* a1 = rows > 1 ? a0 + 1 * lda : a0; T* a2 = rows > 2 ? a0 + 2 * lda : a0; T* a3 = rows > 3 ? a0 + 3 * lda : a0;
        T* a4 = rows > 4 ? a0 + 4 * lda : a0; T* a5 = rows > 5 ? a0 + 5 * lda : a0; T* a6 = rows > 6 ? a0 + 6 * lda : a0;
        T* a7 = rows > 7 ? a0 + 7 * lda : a0;
        T* b = job.B + p0;
        TVec c0 = TW.Zero, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        if (!first)
        {
            c0 = acc[0];
            if (rows > 1) c1 = acc[1]; if (rows > 2) c2 = acc[2]; if (rows > 3) c3 = acc[3];
            if (rows > 4) c4 = acc[4]; if (rows > 5) c5 = acc[5]; if (rows > 6) c6 = acc[6]; if (rows > 7) c7 = acc[7];
        }
        int w = TW.Count;
        for (int s = 0; s < steps; s++)
        {
            nint p = (nint)s * w;
            var y = TW.Load(b + p);
            c0 = TW.MultiplyAdd(TW.Load(a0 + p), y, c0); c1 = TW.MultiplyAdd(TW.Load(a1 + p), y, c1);
            c2 = TW.MultiplyAdd(TW.Load(a2 + p), y, c2); c3 = TW.MultiplyAdd(TW.Load(a3 + p), y, c3);
            c4 = TW.MultiplyAdd(TW.Load(a4 + p), y, c4); c5 = TW.MultiplyAdd(TW.Load(a5 + p), y, c5);
            c6 = TW.MultiplyAdd(TW.Load(a6 + p), y, c6); c7 = TW.MultiplyAdd(TW.Load(a7 + p), y, c7);
        }
        acc[0] = c0;
        if (rows > 1) acc[1] = c1; if (rows > 2) acc[2] = c2; if (rows > 3) acc[3] = c3;
        if (rows > 4) acc[4] = c4; if (rows > 5) acc[5] = c5; if (rows > 6) acc[6] = c6; if (rows > 7) acc[7] = c7;
    }
}
