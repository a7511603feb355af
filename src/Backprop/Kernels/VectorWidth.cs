using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>w ∈ {1, 128, 256, 512}: the bits of one vector register the kernels compute with. 512 needs AVX-512,
/// 256 AVX2 (with FMA), 128 SSE4/AVX or ARM64 NEON; <see cref="Scalar"/> is the machine without a vector unit
/// (or <c>DOTNET_EnableHWIntrinsic=0</c>). Kernels choose the widest accelerated width once per call site; the
/// runtime's switches (<c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_EnableAVX2=0</c>, <c>DOTNET_EnableHWIntrinsic=0</c>)
/// let one machine run every level.</summary>
public enum VectorWidth
{
    Scalar = 1,
    Bits128 = 128,
    Bits256 = 256,
    Bits512 = 512,
}

/// <summary>Which <see cref="VectorWidth"/> this process runs: the widest one the JIT accelerates.</summary>
public static class VectorWidths
{
    /// <summary>The width every kernel uses here, fixed for the process's life.</summary>
    public static VectorWidth Widest { get; } =
        Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
        : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256
        : Vector128.IsHardwareAccelerated ? VectorWidth.Bits128
        : VectorWidth.Scalar;

    /// <summary>Every width that runs accelerated here (the scalar one always does), widest first: tests run each.</summary>
    public static IReadOnlyList<VectorWidth> Available { get; } =
        [.. new[] { VectorWidth.Bits512, VectorWidth.Bits256, VectorWidth.Bits128, VectorWidth.Scalar }.Where(w => w <= Widest)];

    /// <summary>"512-bit (AVX-512)", "256-bit (AVX2)", "128-bit (NEON)", … for benchmark and CLI reports.</summary>
    public static string Describe(VectorWidth width) => width switch
    {
        VectorWidth.Bits512 => "512-bit (AVX-512)",
        VectorWidth.Bits256 => "256-bit (AVX2)",
        VectorWidth.Bits128 => System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "128-bit (NEON)" : "128-bit (SSE/AVX)",
        _ => "scalar (no vector unit)",
    };

    /// <summary><paramref name="width"/>, or the widest accelerated width below it that element type
    /// <typeparamref name="T"/> supports (vectors exist for the primitive numeric types only).</summary>
    internal static VectorWidth For<T>(VectorWidth width)
    {
        if (width > Widest) width = Widest;
        return Vector128<T>.IsSupported ? width : VectorWidth.Scalar;
    }

    /// <summary>Elements of T in one vector of <paramref name="width"/> (1 for <see cref="VectorWidth.Scalar"/>).</summary>
    internal static int Lanes<T>(VectorWidth width) => width == VectorWidth.Scalar ? 1 : Vector128<T>.Count * ((int)width / 128);

    /// <summary>For a kernel whose vectors run over <paramref name="count"/> values in blocks of <paramref name="block"/> vectors
    /// (a convolution's filters, a kernel row's taps): the accelerated width for T that needs the fewest vector operations,
    /// ceil(count / (block · lanes)) · block, and among those the one that pads the fewest lanes. 6 filters run at 256 bits
    /// (one operation, as at 512, with 8 lanes instead of 16), 16 or 32 at 512; a kernel row of 30 taps in blocks of 4 at 256
    /// (32 lanes, where 512 pads to 64). Padded lanes cost loads, stores and cache.</summary>
    internal static VectorWidth Fitting<T>(int count, int block)
    {
        var widest = For<T>(Widest);
        if (widest == VectorWidth.Scalar) return widest;
        var best = widest;
        (long Operations, long Lanes) Cost(VectorWidth w)
        {
            long span = (long)block * Lanes<T>(w), blocks = (count + span - 1) / span;
            return (blocks * block, blocks * span);
        }
        var available = Available;
        for (int i = 0; i < available.Count; i++)   // an index, not foreach: the list's enumerator would be boxed every call
        {
            var w = available[i];
            if (w != VectorWidth.Scalar && w <= widest && Cost(w).CompareTo(Cost(best)) < 0) best = w;
        }
        return best;
    }
}
