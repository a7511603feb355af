using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Kernels;

/// <summary>tanh x = (eˣ − e^−ˣ)/(eˣ + e^−ˣ), vectorised by System.Numerics.Tensors (accurate near 0, where
/// 1 − 2/(e^2x + 1) would cancel).</summary>
public static class Hyperbolic
{
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Tanh(x, y);
}
