using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>The innermost GEMM step: an Mr×Nr tile of C, held in registers, gets
/// C ← α·Σₚ a(:,p)·b(p,:) + β·C (or C ← α·Σ + C for later k slices), p = 0..kc−1 in order,
/// with a(:,p) = <c>ap[p·Mr ..]</c> (a packed A micro-panel) and b(p,:) = <c>bp[p·ldb ..]</c> (a packed B
/// micro-panel, ldb = Nr, or rows of B itself). Every C element gets the same chain of FMAs whichever kernel
/// (512-bit, 256-bit or an edge tile) computes it, so results do not depend on width or on tile position.</summary>
internal static unsafe class GemmMicroKernel
{
    /// <summary>10×(2·16) float or 10×(2·8) double with 512-bit FMAs: 20 accumulators named cRV after the C row R
    /// and vector V they hold. Only the first <paramref name="rows"/> rows of the tile are stored (the packed A panel
    /// is zero-padded below them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Wide<T>(int rows, int kc, T* ap, T* bp, nint ldb, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int mr = GemmBlocking.MrWide;
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default,
            c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default,
            c80 = default, c81 = default, c90 = default, c91 = default;
        T* a0 = ap;
        T* b = bp;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            Vector512<T> a;
            a = Vector512.Create(a0[0]); c00 = Fma(a, b0, c00); c01 = Fma(a, b1, c01);
            a = Vector512.Create(a0[1]); c10 = Fma(a, b0, c10); c11 = Fma(a, b1, c11);
            a = Vector512.Create(a0[2]); c20 = Fma(a, b0, c20); c21 = Fma(a, b1, c21);
            a = Vector512.Create(a0[3]); c30 = Fma(a, b0, c30); c31 = Fma(a, b1, c31);
            a = Vector512.Create(a0[4]); c40 = Fma(a, b0, c40); c41 = Fma(a, b1, c41);
            a = Vector512.Create(a0[5]); c50 = Fma(a, b0, c50); c51 = Fma(a, b1, c51);
            a = Vector512.Create(a0[6]); c60 = Fma(a, b0, c60); c61 = Fma(a, b1, c61);
            a = Vector512.Create(a0[7]); c70 = Fma(a, b0, c70); c71 = Fma(a, b1, c71);
            a = Vector512.Create(a0[8]); c80 = Fma(a, b0, c80); c81 = Fma(a, b1, c81);
            a = Vector512.Create(a0[9]); c90 = Fma(a, b0, c90); c91 = Fma(a, b1, c91);
            a0 += mr;
            b += ldb;
        }
        Update(c, c00, c01, alpha, beta, overwrite);
        if (rows > 1) Update(c + 1 * ldc, c10, c11, alpha, beta, overwrite);
        if (rows > 2) Update(c + 2 * ldc, c20, c21, alpha, beta, overwrite);
        if (rows > 3) Update(c + 3 * ldc, c30, c31, alpha, beta, overwrite);
        if (rows > 4) Update(c + 4 * ldc, c40, c41, alpha, beta, overwrite);
        if (rows > 5) Update(c + 5 * ldc, c50, c51, alpha, beta, overwrite);
        if (rows > 6) Update(c + 6 * ldc, c60, c61, alpha, beta, overwrite);
        if (rows > 7) Update(c + 7 * ldc, c70, c71, alpha, beta, overwrite);
        if (rows > 8) Update(c + 8 * ldc, c80, c81, alpha, beta, overwrite);
        if (rows > 9) Update(c + 9 * ldc, c90, c91, alpha, beta, overwrite);
    }

    /// <summary>6×(2·8) float or 6×(2·4) double with 256-bit FMAs, for machines without AVX-512; stores <paramref name="rows"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Narrow<T>(int rows, int kc, T* ap, T* bp, nint ldb, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int mr = GemmBlocking.MrNarrow;
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        T* a0 = ap;
        T* b = bp;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + w);
            Vector256<T> a;
            a = Vector256.Create(a0[0]); c00 = Fma(a, b0, c00); c01 = Fma(a, b1, c01);
            a = Vector256.Create(a0[1]); c10 = Fma(a, b0, c10); c11 = Fma(a, b1, c11);
            a = Vector256.Create(a0[2]); c20 = Fma(a, b0, c20); c21 = Fma(a, b1, c21);
            a = Vector256.Create(a0[3]); c30 = Fma(a, b0, c30); c31 = Fma(a, b1, c31);
            a = Vector256.Create(a0[4]); c40 = Fma(a, b0, c40); c41 = Fma(a, b1, c41);
            a = Vector256.Create(a0[5]); c50 = Fma(a, b0, c50); c51 = Fma(a, b1, c51);
            a0 += mr;
            b += ldb;
        }
        Update(c, c00, c01, alpha, beta, overwrite);
        if (rows > 1) Update(c + 1 * ldc, c10, c11, alpha, beta, overwrite);
        if (rows > 2) Update(c + 2 * ldc, c20, c21, alpha, beta, overwrite);
        if (rows > 3) Update(c + 3 * ldc, c30, c31, alpha, beta, overwrite);
        if (rows > 4) Update(c + 4 * ldc, c40, c41, alpha, beta, overwrite);
        if (rows > 5) Update(c + 5 * ldc, c50, c51, alpha, beta, overwrite);
    }

    /// <summary>A tile cut by the right edge of C (cols &lt; Nr): the kernel fills a full tile on the stack with Σ
    /// (α = 1, overwrite: exact), then the scalar path applies the same update to the cells inside C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Edge<T>(in GemmBlocking blocking, int rows, int cols, int kc, T* ap, T* bp, nint ldb, T* c, nint ldc, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = blocking.Nr;
        T* tile = stackalloc T[GemmBlocking.MrWide * 2 * 64 / sizeof(T)];
        if (blocking.Wide) Wide(rows, kc, ap, bp, ldb, tile, nr, T.One, T.Zero, true);
        else Narrow(rows, kc, ap, bp, ldb, tile, nr, T.One, T.Zero, true);
        for (int r = 0; r < rows; r++)
        {
            T* ci = c + r * ldc;
            T* ti = tile + r * nr;
            for (int j = 0; j < cols; j++)
                ci[j] = overwrite ? alpha * ti[j] : T.FusedMultiplyAdd(alpha, ti[j], beta * ci[j]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<T>(T* c, Vector512<T> v0, Vector512<T> v1, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var va = Vector512.Create(alpha);
        T* c1 = c + Vector512<T>.Count;
        if (overwrite)
        {
            Vector512.Store(va * v0, c);
            Vector512.Store(va * v1, c1);
            return;
        }
        var vb = Vector512.Create(beta);
        Vector512.Store(Fma(va, v0, vb * Vector512.Load(c)), c);
        Vector512.Store(Fma(va, v1, vb * Vector512.Load(c1)), c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<T>(T* c, Vector256<T> v0, Vector256<T> v1, T alpha, T beta, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var va = Vector256.Create(alpha);
        T* c1 = c + Vector256<T>.Count;
        if (overwrite)
        {
            Vector256.Store(va * v0, c);
            Vector256.Store(va * v1, c1);
            return;
        }
        var vb = Vector256.Create(beta);
        Vector256.Store(Fma(va, v0, vb * Vector256.Load(c)), c);
        Vector256.Store(Fma(va, v1, vb * Vector256.Load(c1)), c1);
    }

    /// <summary>x·y + z with one rounding (vfmadd), for float and double; the typeof tests fold away when jitted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
        throw new NotSupportedException($"GEMM supports float and double, not {typeof(T).Name}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
        throw new NotSupportedException($"GEMM supports float and double, not {typeof(T).Name}.");
    }
}
