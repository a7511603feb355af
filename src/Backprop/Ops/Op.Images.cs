using System.Numerics;
using Backprop.Ops.Images;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>Left–right mirror of the examples with <paramref name="flip"/>[n]: Y[n, i, j, c] = X[n, i, n_W − 1 − j, c].
    /// Backward: the same mirror of dY (see <see cref="HorizontalFlipNode{T}"/>).</summary>
    public static Tensor<T> FlipHorizontal<T>(Tensor<T> x, ReadOnlySpan<bool> flip) where T : unmanaged, IFloatingPointIeee754<T> =>
        new HorizontalFlipNode<T>().Forward(x, flip);

    /// <summary>Whole-pixel shift with zero fill: Y[n, i, j, c] = X[n, i − s_y[n], j − s_x[n], c] or 0. Backward: dY shifted
    /// back (see <see cref="TranslationNode{T}"/>).</summary>
    public static Tensor<T> Translate<T>(Tensor<T> x, ReadOnlySpan<int> shiftY, ReadOnlySpan<int> shiftX) where T : unmanaged, IFloatingPointIeee754<T> =>
        new TranslationNode<T>().Forward(x, shiftY, shiftX);

    /// <summary>Y = κ_n (X − μ[n, c]) + μ[n, c] + β_n, μ the image's channel mean. Backward:
    /// dX = κ_n dY + (1 − κ_n) mean_{i,j}(dY) (see <see cref="ColorJitterNode{T}"/>).</summary>
    public static Tensor<T> ColorJitter<T>(Tensor<T> x, ReadOnlySpan<double> brightness, ReadOnlySpan<double> contrast) where T : unmanaged, IFloatingPointIeee754<T> =>
        new ColorJitterNode<T>().Forward(x, brightness, contrast);
}
