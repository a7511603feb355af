using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>Copies blocks of op(A) and op(B) into the layouts the micro-kernel streams through, contiguous and in
/// k order; this is where the transposes are absorbed (no transpose is ever materialised) and where edge
/// panels are padded with zeros so that the kernel always runs a full Mr×Nr tile.
/// <para>A block (mc×kc of op(A)) → panels of Mr rows: <c>ap[panel·Mr·kc + p·Mr + r]</c> = op(A)[i0 + panel·Mr + r, p0 + p].</para>
/// <para>B block (kc×nc of op(B)) → panels of Nr columns: <c>bp[panel·Nr·kc + p·Nr + j]</c> = op(B)[p0 + p, j0 + panel·Nr + j].</para>
/// <para>Copies along rows are vector copies; op(B) = Bᵀ is transposed W×W blocks at a time in registers
/// (<see cref="GemmTranspose"/>), because its cost is spread over only m rows (128 in MNIST's X·W1ᵀ: element by
/// element it cost a quarter of the run). op(A) = A, interleaving Mr rows, goes element by element: its cost is
/// spread over all n columns.</para></summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc]; op(A)[i, p] is a[i·lda + p], or a[p·lda + i] when transposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(bool transA, T* a, nint lda, int i0, int mc, int p0, int kc, int mr, T* ap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* panel = ap + (nint)ir * kc;
            if (transA)
            {
                // Row p of the stored A holds op(A)[·, p]: Mr neighbours per p, a short contiguous copy.
                T* src = a + (nint)p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++)
                {
                    T* s = src + p * lda;
                    T* d = panel + p * mr;
                    int r = 0;
                    for (; r < rows; r++) d[r] = s[r];
                    for (; r < mr; r++) d[r] = T.Zero;
                }
            }
            else
            {
                // Rows of op(A) are contiguous in k: read each row once, write it with stride Mr.
                for (int r = 0; r < rows; r++)
                {
                    T* s = a + (nint)(i0 + ir + r) * lda + p0;
                    T* d = panel + r;
                    int p = 0;
                    for (; p + 3 < kc; p += 4)
                    {
                        d[p * mr] = s[p];
                        d[(p + 1) * mr] = s[p + 1];
                        d[(p + 2) * mr] = s[p + 2];
                        d[(p + 3) * mr] = s[p + 3];
                    }
                    for (; p < kc; p++) d[p * mr] = s[p];
                }
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) panel[p * mr + r] = T.Zero;
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc]; op(B)[p, j] is b[p·ldb + j], or b[j·ldb + p] when transposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T, TVec, TW>(bool transB, T* b, nint ldb, int p0, int kc, int j0, int nc, int nr, T* bp)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (!transB)
        {
            int full = nc / nr * nr;
            if (full > 0) RowsInOrder<T, TVec, TW>(b + (nint)p0 * ldb + j0, ldb, kc, full, bp);
            if (full < nc) EdgePanel(b + (nint)p0 * ldb + j0 + full, ldb, kc, nc - full, nr, bp + (nint)full * kc);
            return;
        }
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* panel = bp + (nint)jr * kc;
            if (GemmTranspose.Available<T>(TW.Count))
                TransposedPanel<T>(b + (nint)(j0 + jr) * ldb + p0, ldb, cols, kc, nr, panel);
            else
            {
                // Column j of op(B) is row j of the stored B, contiguous in k: read it once, write with stride Nr.
                for (int j = 0; j < cols; j++)
                {
                    T* s = b + (nint)(j0 + jr + j) * ldb + p0;
                    T* d = panel + j;
                    for (int p = 0; p < kc; p++) d[p * nr] = s[p];
                }
                for (int j = cols; j < nr; j++)
                    for (int p = 0; p < kc; p++) panel[p * nr + j] = T.Zero;
            }
        }
    }

    /// <summary>One Nr-wide panel of op(B) = Bᵀ (Nr = 2 vectors): <paramref name="cols"/> rows of the stored B, each
    /// contiguous in k, become kc rows of the panel, a W×W register transpose per half and per W values of k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposedPanel<T>(T* src, nint ldb, int cols, int kc, int nr, T* panel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = nr / 2;
        for (int half = 0; half < 2; half++)
        {
            int rows = Math.Clamp(cols - half * w, 0, w);
            T* s = src + (nint)half * w * ldb;
            T* d = panel + half * w;
            int p = 0;
            if (rows > 0)
                for (; p + w <= kc; p += w) GemmTranspose.Block(s + p, ldb, d + (nint)p * nr, nr, rows, w);
            for (; p < kc; p++)
                for (int j = 0; j < w; j++) d[(nint)p * nr + j] = j < rows ? s[j * ldb + p] : T.Zero;
        }
    }

    /// <summary>Full panels of op(B) = B, row by row: each row of B is read once, front to back (a stream the hardware
    /// prefetcher follows), and its Nr-wide pieces go to their panels. Panel by panel instead, each panel would read
    /// kc rows one cache line apiece, kc pages at once (209 for the course's dW1 = dZ1ᵀ·X): more streams than the
    /// prefetcher tracks, so every line was a demand miss (dW1 at 256-bit: 29 GFLOP/s then, 48 now).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsInOrder<T, TVec, TW>(T* src, nint ldb, int kc, int width, T* bp)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int w = TW.Count, nr = 2 * w;
        nint panelStride = (nint)kc * nr;
        for (int p = 0; p < kc; p++, src += ldb)
        {
            T* d = bp + (nint)p * nr;
            for (int j = 0; j < width; j += nr, d += panelStride)
            {
                TW.Store(TW.Load(src + j), d);
                TW.Store(TW.Load(src + j + w), d + w);
            }
        }
    }

    /// <summary>The last, partial panel of op(B) = B: <paramref name="cols"/> &lt; Nr columns, padded with zeros.</summary>
    private static void EdgePanel<T>(T* src, nint ldb, int kc, int cols, int nr, T* panel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < kc; p++)
        {
            T* s = src + p * ldb;
            T* d = panel + p * nr;
            int j = 0;
            for (; j < cols; j++) d[j] = s[j];
            for (; j < nr; j++) d[j] = T.Zero;
        }
    }
}
