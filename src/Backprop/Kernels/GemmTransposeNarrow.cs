using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Kernels;

/// <summary>W×W blocks transposed in 256-bit (AVX) and 128-bit (SSE, NEON) registers: dst[q·ldd + r] = src[r·lds + q],
/// rows r ≥ <c>rows</c> read as zeros. The classic unpack/shuffle networks: 8×8 float is 8 unpacks, 8 shuffles and 8
/// lane permutes; 4×4 float (SSE) 4 unpacks and 4 half moves, or on NEON two rounds of zips (perfect shuffles).</summary>
internal static unsafe class GemmTransposeNarrow
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(float* src, nint lds, int r, int rows) => r < rows ? Avx.LoadVector256(src + r * lds) : Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Row(double* src, nint lds, int r, int rows) => r < rows ? Avx.LoadVector256(src + r * lds) : Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Row128<T>(T* src, nint lds, int r, int rows) where T : unmanaged => r < rows ? Vector128.Load(src + r * lds) : Vector128<T>.Zero;

    /// <summary>8×8 float with AVX.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose8(float* src, nint lds, float* dst, nint ldd, int rows)
    {
        var r0 = Row(src, lds, 0, rows); var r1 = Row(src, lds, 1, rows); var r2 = Row(src, lds, 2, rows); var r3 = Row(src, lds, 3, rows);
        var r4 = Row(src, lds, 4, rows); var r5 = Row(src, lds, 5, rows); var r6 = Row(src, lds, 6, rows); var r7 = Row(src, lds, 7, rows);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1); var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5); var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE); var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE); var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst + 0 * ldd, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + 1 * ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>4×4 double with AVX.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4(double* src, nint lds, double* dst, nint ldd, int rows)
    {
        var r0 = Row(src, lds, 0, rows); var r1 = Row(src, lds, 1, rows); var r2 = Row(src, lds, 2, rows); var r3 = Row(src, lds, 3, rows);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1); var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst + 0 * ldd, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + 1 * ldd, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(t1, t3, 0x31));
    }

    /// <summary>4×4 float with SSE or NEON.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4(float* src, nint lds, float* dst, nint ldd, int rows)
    {
        var r0 = Row128(src, lds, 0, rows); var r1 = Row128(src, lds, 1, rows); var r2 = Row128(src, lds, 2, rows); var r3 = Row128(src, lds, 3, rows);
        if (AdvSimd.Arm64.IsSupported)
        {
            var z0 = AdvSimd.Arm64.ZipLow(r0, r2); var z1 = AdvSimd.Arm64.ZipHigh(r0, r2);
            var z2 = AdvSimd.Arm64.ZipLow(r1, r3); var z3 = AdvSimd.Arm64.ZipHigh(r1, r3);
            Vector128.Store(AdvSimd.Arm64.ZipLow(z0, z2), dst + 0 * ldd);
            Vector128.Store(AdvSimd.Arm64.ZipHigh(z0, z2), dst + 1 * ldd);
            Vector128.Store(AdvSimd.Arm64.ZipLow(z1, z3), dst + 2 * ldd);
            Vector128.Store(AdvSimd.Arm64.ZipHigh(z1, z3), dst + 3 * ldd);
            return;
        }
        var t0 = Sse.UnpackLow(r0, r1); var t1 = Sse.UnpackLow(r2, r3); var t2 = Sse.UnpackHigh(r0, r1); var t3 = Sse.UnpackHigh(r2, r3);
        Vector128.Store(Sse.MoveLowToHigh(t0, t1), dst + 0 * ldd);
        Vector128.Store(Sse.MoveHighToLow(t1, t0), dst + 1 * ldd);
        Vector128.Store(Sse.MoveLowToHigh(t2, t3), dst + 2 * ldd);
        Vector128.Store(Sse.MoveHighToLow(t3, t2), dst + 3 * ldd);
    }

    /// <summary>2×2 double with SSE2 or NEON.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose2(double* src, nint lds, double* dst, nint ldd, int rows)
    {
        var r0 = Row128(src, lds, 0, rows); var r1 = Row128(src, lds, 1, rows);
        if (AdvSimd.Arm64.IsSupported)
        {
            Vector128.Store(AdvSimd.Arm64.ZipLow(r0, r1), dst);
            Vector128.Store(AdvSimd.Arm64.ZipHigh(r0, r1), dst + ldd);
            return;
        }
        Vector128.Store(Sse2.UnpackLow(r0, r1), dst);
        Vector128.Store(Sse2.UnpackHigh(r0, r1), dst + ldd);
    }
}
