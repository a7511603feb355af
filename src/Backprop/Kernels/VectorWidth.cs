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
}
