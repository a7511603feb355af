using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops.Images;

/// <summary>Left–right mirror of chosen examples: Y[n, i, j, c] = X[n, i, n_W − 1 − j, c] where flip[n], else X[n, i, j, c],
/// on channels-last images (m, n_H, n_W, n_C). The map is its own inverse and transpose, so backward applies it to the
/// gradient: dX[n, i, j, c] = dY[n, i, n_W − 1 − j, c] where flip[n], else dY[n, i, j, c].</summary>
public sealed class HorizontalFlipNode<T> : PixelMapNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private bool[] _flip = [];

    /// <summary>Y = X with example n mirrored left–right where <paramref name="flip"/>[n].</summary>
    public Tensor<T> Forward(Tensor<T> x, ReadOnlySpan<bool> flip)
    {
        var (m, _, _, _) = ImageBatch.Shape(x, "RandomFlip");
        ImageBatch.Keep(flip, m, ref _flip, "RandomFlip", "flip choice");
        return Apply(x);
    }

    protected override void Map(Tensor<T> shape, ReadOnlySpan<T> source, Span<T> target, bool transpose)
    {
        int m = shape.Dim(0), h = shape.Dim(1), w = shape.Dim(2), c = shape.Dim(3), image = h * w * c;
        for (int n = 0; n < m; n++)
        {
            var from = source.Slice(n * image, image);
            var to = target.Slice(n * image, image);
            if (!_flip[n]) { from.CopyTo(to); continue; }
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                    from.Slice((i * w + w - 1 - j) * c, c).CopyTo(to.Slice((i * w + j) * c, c));
        }
    }
}
