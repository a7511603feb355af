using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>The innermost GEMM step: an Mr×Nr tile of C, held in registers, gets
/// C ← α·Σₚ a(:,p)·b(p,:) + β·C (or C ← α·Σ + C for later k slices), p = 0..kc−1 in order,
/// with a(:,p) = <c>ap[p·Mr ..]</c> (a packed A micro-panel) and b(p,:) = <c>bp[p·Nr ..]</c> (a packed B
/// micro-panel). Nr is two vectors of the width in use; Mr is 10 where
/// the register file has 32 vector registers (AVX-512, ARM64) and 6 where it has 16 (AVX2, SSE), see
/// <see cref="GemmBlocking"/>. Every C element gets the same chain of multiply-adds whichever tile (full or edge)
/// computes it, so results do not depend on tile position or thread count.</summary>
internal static unsafe class GemmMicroKernel
{
    /// <summary>10×2 vectors: 20 accumulators named cRV after the C row R and vector V they hold, 2 B vectors and one
    /// broadcast A value, 23 of 32 registers. Only the first <paramref name="rows"/> rows are stored (the packed A panel
    /// is zero-padded below them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Tile10<T, TVec, TW>(int rows, int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec c00 = TW.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00,
            c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00, c81 = c00, c90 = c00, c91 = c00;
        T* a0 = ap;
        T* b = bp;
        for (int p = 0; p < kc; p++)
        {
            var b0 = TW.Load(b);
            var b1 = TW.Load(b + TW.Count);
            TVec a;
            a = TW.Create(a0[0]); c00 = TW.MultiplyAdd(a, b0, c00); c01 = TW.MultiplyAdd(a, b1, c01);
            a = TW.Create(a0[1]); c10 = TW.MultiplyAdd(a, b0, c10); c11 = TW.MultiplyAdd(a, b1, c11);
            a = TW.Create(a0[2]); c20 = TW.MultiplyAdd(a, b0, c20); c21 = TW.MultiplyAdd(a, b1, c21);
            a = TW.Create(a0[3]); c30 = TW.MultiplyAdd(a, b0, c30); c31 = TW.MultiplyAdd(a, b1, c31);
            a = TW.Create(a0[4]); c40 = TW.MultiplyAdd(a, b0, c40); c41 = TW.MultiplyAdd(a, b1, c41);
            a = TW.Create(a0[5]); c50 = TW.MultiplyAdd(a, b0, c50); c51 = TW.MultiplyAdd(a, b1, c51);
            a = TW.Create(a0[6]); c60 = TW.MultiplyAdd(a, b0, c60); c61 = TW.MultiplyAdd(a, b1, c61);
            a = TW.Create(a0[7]); c70 = TW.MultiplyAdd(a, b0, c70); c71 = TW.MultiplyAdd(a, b1, c71);
            a = TW.Create(a0[8]); c80 = TW.MultiplyAdd(a, b0, c80); c81 = TW.MultiplyAdd(a, b1, c81);
            a = TW.Create(a0[9]); c90 = TW.MultiplyAdd(a, b0, c90); c91 = TW.MultiplyAdd(a, b1, c91);
            a0 += 10;
            b += 2 * TW.Count;
        }
        Update<T, TVec, TW>(c, c00, c01, alpha, beta, overwrite);
        if (rows > 1) Update<T, TVec, TW>(c + 1 * ldc, c10, c11, alpha, beta, overwrite);
        if (rows > 2) Update<T, TVec, TW>(c + 2 * ldc, c20, c21, alpha, beta, overwrite);
        if (rows > 3) Update<T, TVec, TW>(c + 3 * ldc, c30, c31, alpha, beta, overwrite);
        if (rows > 4) Update<T, TVec, TW>(c + 4 * ldc, c40, c41, alpha, beta, overwrite);
        if (rows > 5) Update<T, TVec, TW>(c + 5 * ldc, c50, c51, alpha, beta, overwrite);
        if (rows > 6) Update<T, TVec, TW>(c + 6 * ldc, c60, c61, alpha, beta, overwrite);
        if (rows > 7) Update<T, TVec, TW>(c + 7 * ldc, c70, c71, alpha, beta, overwrite);
        if (rows > 8) Update<T, TVec, TW>(c + 8 * ldc, c80, c81, alpha, beta, overwrite);
        if (rows > 9) Update<T, TVec, TW>(c + 9 * ldc, c90, c91, alpha, beta, overwrite);
    }

    /// <summary>6×2 vectors: 12 accumulators, 2 B vectors and one broadcast, 15 of 16 registers (the classic AVX2
    /// block); stores <paramref name="rows"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Tile6<T, TVec, TW>(int rows, int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec c00 = TW.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00,
            c50 = c00, c51 = c00;
        T* a0 = ap;
        T* b = bp;
        for (int p = 0; p < kc; p++)
        {
            var b0 = TW.Load(b);
            var b1 = TW.Load(b + TW.Count);
            TVec a;
            a = TW.Create(a0[0]); c00 = TW.MultiplyAdd(a, b0, c00); c01 = TW.MultiplyAdd(a, b1, c01);
            a = TW.Create(a0[1]); c10 = TW.MultiplyAdd(a, b0, c10); c11 = TW.MultiplyAdd(a, b1, c11);
            a = TW.Create(a0[2]); c20 = TW.MultiplyAdd(a, b0, c20); c21 = TW.MultiplyAdd(a, b1, c21);
            a = TW.Create(a0[3]); c30 = TW.MultiplyAdd(a, b0, c30); c31 = TW.MultiplyAdd(a, b1, c31);
            a = TW.Create(a0[4]); c40 = TW.MultiplyAdd(a, b0, c40); c41 = TW.MultiplyAdd(a, b1, c41);
            a = TW.Create(a0[5]); c50 = TW.MultiplyAdd(a, b0, c50); c51 = TW.MultiplyAdd(a, b1, c51);
            a0 += 6;
            b += 2 * TW.Count;
        }
        Update<T, TVec, TW>(c, c00, c01, alpha, beta, overwrite);
        if (rows > 1) Update<T, TVec, TW>(c + 1 * ldc, c10, c11, alpha, beta, overwrite);
        if (rows > 2) Update<T, TVec, TW>(c + 2 * ldc, c20, c21, alpha, beta, overwrite);
        if (rows > 3) Update<T, TVec, TW>(c + 3 * ldc, c30, c31, alpha, beta, overwrite);
        if (rows > 4) Update<T, TVec, TW>(c + 4 * ldc, c40, c41, alpha, beta, overwrite);
        if (rows > 5) Update<T, TVec, TW>(c + 5 * ldc, c50, c51, alpha, beta, overwrite);
    }

    /// <summary>A full tile of <paramref name="blocking"/>'s shape into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T, TVec, TW>(in GemmBlocking blocking, int rows, int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (blocking.Mr == 10) Tile10<T, TVec, TW>(rows, kc, ap, bp, c, ldc, alpha, beta, overwrite);
        else Tile6<T, TVec, TW>(rows, kc, ap, bp, c, ldc, alpha, beta, overwrite);
    }

    /// <summary>A tile cut by the right edge of C (cols &lt; Nr): see <see cref="ViaStack{T, TVec, TW}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Edge<T, TVec, TW>(in GemmBlocking blocking, int rows, int cols, int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
        => ViaStack<T, TVec, TW>(blocking, rows, cols, kc, ap, bp, c, ldc, 1, alpha, beta, overwrite);

    /// <summary>A tile of a transposed job (<see cref="GemmJob{T}.TransC"/>): tile cell (r, j) is C[j·ldc + r].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedTile<T, TVec, TW>(in GemmBlocking blocking, int rows, int cols, int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
        => ViaStack<T, TVec, TW>(blocking, rows, cols, kc, ap, bp, c, 1, ldc, alpha, beta, overwrite);

    /// <summary>The kernel fills a full tile on the stack with Σ (α = 1, overwrite: exact), then the same update as the
    /// full tile's is applied to the first rows×cols cells, cell (r, j) of C at c[r·rowStride + j·colStride].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void ViaStack<T, TVec, TW>(in GemmBlocking blocking, int rows, int cols, int kc, T* ap, T* bp, T* c, nint rowStride, nint colStride,
        T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int nr = blocking.Nr;
        T* tile = stackalloc T[10 * 2 * 64 / sizeof(T)];
        Tile<T, TVec, TW>(blocking, rows, kc, ap, bp, tile, nr, T.One, T.Zero, true);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
            {
                T* cell = c + r * rowStride + j * colStride;
                T sum = tile[r * nr + j];
                *cell = overwrite ? alpha * sum : (TW.Fused ? T.FusedMultiplyAdd(alpha, sum, beta * *cell) : alpha * sum + beta * *cell);
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<T, TVec, TW>(T* c, TVec v0, TVec v1, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var va = TW.Create(alpha);
        T* c1 = c + TW.Count;
        if (overwrite)
        {
            TW.Store(TW.Multiply(va, v0), c);
            TW.Store(TW.Multiply(va, v1), c1);
            return;
        }
        var vb = TW.Create(beta);
        TW.Store(TW.MultiplyAdd(va, v0, TW.Multiply(vb, TW.Load(c))), c);
        TW.Store(TW.MultiplyAdd(va, v1, TW.Multiply(vb, TW.Load(c1))), c1);
    }
}
