using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Kernels;

/// <summary>Square blocks transposed in registers (512-bit here, 256- and 128-bit in <see cref="GemmTransposeNarrow"/>), for packing a transposed operand (op(B) = Bᵀ) without
/// scalar gathers: a W×W block (W = lanes: 16 floats, 8 doubles) is W row loads, log₂W rounds of W two-source
/// interleaves and W stores, about 0.3 instructions per element against 2 for element-by-element copying.
/// Round r interleaves row i with row i + W/2 (low halves into row 2i, high halves into row 2i+1); log₂W such
/// perfect shuffles turn rows into columns.</summary>
internal static unsafe class GemmTranspose
{
    /// <summary>Whether <see cref="Block{T}"/> runs here for <typeparamref name="T"/> with W = <paramref name="lanes"/>
    /// (the lanes of the width in use: 16/8 with AVX-512, 8/4 with AVX, 4/2 with SSE or NEON).</summary>
    public static bool Available<T>(int lanes) => (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && (lanes * Unsafe.SizeOf<T>()) switch
    {
        64 => Avx512F.IsSupported,
        32 => Avx.IsSupported,
        16 => Sse2.IsSupported || AdvSimd.Arm64.IsSupported,
        _ => false,
    };

    /// <summary>dst[q·ldd + r] = src[r·lds + q] for r, q &lt; W, with rows r ≥ <paramref name="rows"/> read as zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block<T>(T* src, nint lds, T* dst, nint ldd, int rows, int lanes) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            if (lanes == 16) { Transpose16((float*)src, lds, (float*)dst, ldd, rows); return; }
            if (lanes == 8) { GemmTransposeNarrow.Transpose8((float*)src, lds, (float*)dst, ldd, rows); return; }
            if (lanes == 4) { GemmTransposeNarrow.Transpose4((float*)src, lds, (float*)dst, ldd, rows); return; }
        }
        else if (typeof(T) == typeof(double))
        {
            if (lanes == 8) { Transpose8((double*)src, lds, (double*)dst, ldd, rows); return; }
            if (lanes == 4) { GemmTransposeNarrow.Transpose4((double*)src, lds, (double*)dst, ldd, rows); return; }
            if (lanes == 2) { GemmTransposeNarrow.Transpose2((double*)src, lds, (double*)dst, ldd, rows); return; }
        }
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>16×16 float transpose in registers: 4 rounds of perfect-shuffle interleaves (vpermt2ps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16(float* src, nint lds, float* dst, nint ldd, int rows)
    {
        var lo = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        var hi = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        var r0 = Vector512.Load(src);
        var r1 = rows > 1 ? Vector512.Load(src + 1 * lds) : Vector512<float>.Zero;
        var r2 = rows > 2 ? Vector512.Load(src + 2 * lds) : Vector512<float>.Zero;
        var r3 = rows > 3 ? Vector512.Load(src + 3 * lds) : Vector512<float>.Zero;
        var r4 = rows > 4 ? Vector512.Load(src + 4 * lds) : Vector512<float>.Zero;
        var r5 = rows > 5 ? Vector512.Load(src + 5 * lds) : Vector512<float>.Zero;
        var r6 = rows > 6 ? Vector512.Load(src + 6 * lds) : Vector512<float>.Zero;
        var r7 = rows > 7 ? Vector512.Load(src + 7 * lds) : Vector512<float>.Zero;
        var r8 = rows > 8 ? Vector512.Load(src + 8 * lds) : Vector512<float>.Zero;
        var r9 = rows > 9 ? Vector512.Load(src + 9 * lds) : Vector512<float>.Zero;
        var r10 = rows > 10 ? Vector512.Load(src + 10 * lds) : Vector512<float>.Zero;
        var r11 = rows > 11 ? Vector512.Load(src + 11 * lds) : Vector512<float>.Zero;
        var r12 = rows > 12 ? Vector512.Load(src + 12 * lds) : Vector512<float>.Zero;
        var r13 = rows > 13 ? Vector512.Load(src + 13 * lds) : Vector512<float>.Zero;
        var r14 = rows > 14 ? Vector512.Load(src + 14 * lds) : Vector512<float>.Zero;
        var r15 = rows > 15 ? Vector512.Load(src + 15 * lds) : Vector512<float>.Zero;
        var s0_0 = Avx512F.PermuteVar16x32x2(r0, lo, r8); var s0_1 = Avx512F.PermuteVar16x32x2(r0, hi, r8);
        var s0_2 = Avx512F.PermuteVar16x32x2(r1, lo, r9); var s0_3 = Avx512F.PermuteVar16x32x2(r1, hi, r9);
        var s0_4 = Avx512F.PermuteVar16x32x2(r2, lo, r10); var s0_5 = Avx512F.PermuteVar16x32x2(r2, hi, r10);
        var s0_6 = Avx512F.PermuteVar16x32x2(r3, lo, r11); var s0_7 = Avx512F.PermuteVar16x32x2(r3, hi, r11);
        var s0_8 = Avx512F.PermuteVar16x32x2(r4, lo, r12); var s0_9 = Avx512F.PermuteVar16x32x2(r4, hi, r12);
        var s0_10 = Avx512F.PermuteVar16x32x2(r5, lo, r13); var s0_11 = Avx512F.PermuteVar16x32x2(r5, hi, r13);
        var s0_12 = Avx512F.PermuteVar16x32x2(r6, lo, r14); var s0_13 = Avx512F.PermuteVar16x32x2(r6, hi, r14);
        var s0_14 = Avx512F.PermuteVar16x32x2(r7, lo, r15); var s0_15 = Avx512F.PermuteVar16x32x2(r7, hi, r15);
        var s1_0 = Avx512F.PermuteVar16x32x2(s0_0, lo, s0_8); var s1_1 = Avx512F.PermuteVar16x32x2(s0_0, hi, s0_8);
        var s1_2 = Avx512F.PermuteVar16x32x2(s0_1, lo, s0_9); var s1_3 = Avx512F.PermuteVar16x32x2(s0_1, hi, s0_9);
        var s1_4 = Avx512F.PermuteVar16x32x2(s0_2, lo, s0_10); var s1_5 = Avx512F.PermuteVar16x32x2(s0_2, hi, s0_10);
        var s1_6 = Avx512F.PermuteVar16x32x2(s0_3, lo, s0_11); var s1_7 = Avx512F.PermuteVar16x32x2(s0_3, hi, s0_11);
        var s1_8 = Avx512F.PermuteVar16x32x2(s0_4, lo, s0_12); var s1_9 = Avx512F.PermuteVar16x32x2(s0_4, hi, s0_12);
        var s1_10 = Avx512F.PermuteVar16x32x2(s0_5, lo, s0_13); var s1_11 = Avx512F.PermuteVar16x32x2(s0_5, hi, s0_13);
        var s1_12 = Avx512F.PermuteVar16x32x2(s0_6, lo, s0_14); var s1_13 = Avx512F.PermuteVar16x32x2(s0_6, hi, s0_14);
        var s1_14 = Avx512F.PermuteVar16x32x2(s0_7, lo, s0_15); var s1_15 = Avx512F.PermuteVar16x32x2(s0_7, hi, s0_15);
        var s2_0 = Avx512F.PermuteVar16x32x2(s1_0, lo, s1_8); var s2_1 = Avx512F.PermuteVar16x32x2(s1_0, hi, s1_8);
        var s2_2 = Avx512F.PermuteVar16x32x2(s1_1, lo, s1_9); var s2_3 = Avx512F.PermuteVar16x32x2(s1_1, hi, s1_9);
        var s2_4 = Avx512F.PermuteVar16x32x2(s1_2, lo, s1_10); var s2_5 = Avx512F.PermuteVar16x32x2(s1_2, hi, s1_10);
        var s2_6 = Avx512F.PermuteVar16x32x2(s1_3, lo, s1_11); var s2_7 = Avx512F.PermuteVar16x32x2(s1_3, hi, s1_11);
        var s2_8 = Avx512F.PermuteVar16x32x2(s1_4, lo, s1_12); var s2_9 = Avx512F.PermuteVar16x32x2(s1_4, hi, s1_12);
        var s2_10 = Avx512F.PermuteVar16x32x2(s1_5, lo, s1_13); var s2_11 = Avx512F.PermuteVar16x32x2(s1_5, hi, s1_13);
        var s2_12 = Avx512F.PermuteVar16x32x2(s1_6, lo, s1_14); var s2_13 = Avx512F.PermuteVar16x32x2(s1_6, hi, s1_14);
        var s2_14 = Avx512F.PermuteVar16x32x2(s1_7, lo, s1_15); var s2_15 = Avx512F.PermuteVar16x32x2(s1_7, hi, s1_15);
        var s3_0 = Avx512F.PermuteVar16x32x2(s2_0, lo, s2_8); var s3_1 = Avx512F.PermuteVar16x32x2(s2_0, hi, s2_8);
        var s3_2 = Avx512F.PermuteVar16x32x2(s2_1, lo, s2_9); var s3_3 = Avx512F.PermuteVar16x32x2(s2_1, hi, s2_9);
        var s3_4 = Avx512F.PermuteVar16x32x2(s2_2, lo, s2_10); var s3_5 = Avx512F.PermuteVar16x32x2(s2_2, hi, s2_10);
        var s3_6 = Avx512F.PermuteVar16x32x2(s2_3, lo, s2_11); var s3_7 = Avx512F.PermuteVar16x32x2(s2_3, hi, s2_11);
        var s3_8 = Avx512F.PermuteVar16x32x2(s2_4, lo, s2_12); var s3_9 = Avx512F.PermuteVar16x32x2(s2_4, hi, s2_12);
        var s3_10 = Avx512F.PermuteVar16x32x2(s2_5, lo, s2_13); var s3_11 = Avx512F.PermuteVar16x32x2(s2_5, hi, s2_13);
        var s3_12 = Avx512F.PermuteVar16x32x2(s2_6, lo, s2_14); var s3_13 = Avx512F.PermuteVar16x32x2(s2_6, hi, s2_14);
        var s3_14 = Avx512F.PermuteVar16x32x2(s2_7, lo, s2_15); var s3_15 = Avx512F.PermuteVar16x32x2(s2_7, hi, s2_15);
        Vector512.Store(s3_0, dst + 0 * ldd);
        Vector512.Store(s3_1, dst + 1 * ldd);
        Vector512.Store(s3_2, dst + 2 * ldd);
        Vector512.Store(s3_3, dst + 3 * ldd);
        Vector512.Store(s3_4, dst + 4 * ldd);
        Vector512.Store(s3_5, dst + 5 * ldd);
        Vector512.Store(s3_6, dst + 6 * ldd);
        Vector512.Store(s3_7, dst + 7 * ldd);
        Vector512.Store(s3_8, dst + 8 * ldd);
        Vector512.Store(s3_9, dst + 9 * ldd);
        Vector512.Store(s3_10, dst + 10 * ldd);
        Vector512.Store(s3_11, dst + 11 * ldd);
        Vector512.Store(s3_12, dst + 12 * ldd);
        Vector512.Store(s3_13, dst + 13 * ldd);
        Vector512.Store(s3_14, dst + 14 * ldd);
        Vector512.Store(s3_15, dst + 15 * ldd);
    }

    /// <summary>8×8 double transpose in registers: 3 rounds of perfect-shuffle interleaves (vpermt2pd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(double* src, nint lds, double* dst, nint ldd, int rows)
    {
        var lo = Vector512.Create(0L, 8L, 1L, 9L, 2L, 10L, 3L, 11L);
        var hi = Vector512.Create(4L, 12L, 5L, 13L, 6L, 14L, 7L, 15L);
        var r0 = Vector512.Load(src);
        var r1 = rows > 1 ? Vector512.Load(src + 1 * lds) : Vector512<double>.Zero;
        var r2 = rows > 2 ? Vector512.Load(src + 2 * lds) : Vector512<double>.Zero;
        var r3 = rows > 3 ? Vector512.Load(src + 3 * lds) : Vector512<double>.Zero;
        var r4 = rows > 4 ? Vector512.Load(src + 4 * lds) : Vector512<double>.Zero;
        var r5 = rows > 5 ? Vector512.Load(src + 5 * lds) : Vector512<double>.Zero;
        var r6 = rows > 6 ? Vector512.Load(src + 6 * lds) : Vector512<double>.Zero;
        var r7 = rows > 7 ? Vector512.Load(src + 7 * lds) : Vector512<double>.Zero;
        var s0_0 = Avx512F.PermuteVar8x64x2(r0, lo, r4); var s0_1 = Avx512F.PermuteVar8x64x2(r0, hi, r4);
        var s0_2 = Avx512F.PermuteVar8x64x2(r1, lo, r5); var s0_3 = Avx512F.PermuteVar8x64x2(r1, hi, r5);
        var s0_4 = Avx512F.PermuteVar8x64x2(r2, lo, r6); var s0_5 = Avx512F.PermuteVar8x64x2(r2, hi, r6);
        var s0_6 = Avx512F.PermuteVar8x64x2(r3, lo, r7); var s0_7 = Avx512F.PermuteVar8x64x2(r3, hi, r7);
        var s1_0 = Avx512F.PermuteVar8x64x2(s0_0, lo, s0_4); var s1_1 = Avx512F.PermuteVar8x64x2(s0_0, hi, s0_4);
        var s1_2 = Avx512F.PermuteVar8x64x2(s0_1, lo, s0_5); var s1_3 = Avx512F.PermuteVar8x64x2(s0_1, hi, s0_5);
        var s1_4 = Avx512F.PermuteVar8x64x2(s0_2, lo, s0_6); var s1_5 = Avx512F.PermuteVar8x64x2(s0_2, hi, s0_6);
        var s1_6 = Avx512F.PermuteVar8x64x2(s0_3, lo, s0_7); var s1_7 = Avx512F.PermuteVar8x64x2(s0_3, hi, s0_7);
        var s2_0 = Avx512F.PermuteVar8x64x2(s1_0, lo, s1_4); var s2_1 = Avx512F.PermuteVar8x64x2(s1_0, hi, s1_4);
        var s2_2 = Avx512F.PermuteVar8x64x2(s1_1, lo, s1_5); var s2_3 = Avx512F.PermuteVar8x64x2(s1_1, hi, s1_5);
        var s2_4 = Avx512F.PermuteVar8x64x2(s1_2, lo, s1_6); var s2_5 = Avx512F.PermuteVar8x64x2(s1_2, hi, s1_6);
        var s2_6 = Avx512F.PermuteVar8x64x2(s1_3, lo, s1_7); var s2_7 = Avx512F.PermuteVar8x64x2(s1_3, hi, s1_7);
        Vector512.Store(s2_0, dst + 0 * ldd);
        Vector512.Store(s2_1, dst + 1 * ldd);
        Vector512.Store(s2_2, dst + 2 * ldd);
        Vector512.Store(s2_3, dst + 3 * ldd);
        Vector512.Store(s2_4, dst + 4 * ldd);
        Vector512.Store(s2_5, dst + 5 * ldd);
        Vector512.Store(s2_6, dst + 6 * ldd);
        Vector512.Store(s2_7, dst + 7 * ldd);
    }}
