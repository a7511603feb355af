using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops.Images;

/// <summary>Shifts each example by whole pixels with zero fill (a random crop of a zero-padded image):
/// Y[n, i, j, c] = X[n, i − s_y[n], j − s_x[n], c] where that pixel exists, else 0, on channels-last images
/// (m, n_H, n_W, n_C); positive shifts move the content down and right. Backward moves the gradient back:
/// dX[n, i, j, c] = dY[n, i + s_y[n], j + s_x[n], c] where that pixel exists, else 0 (pixels shifted out get none).</summary>
public sealed class TranslationNode<T> : PixelMapNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[] _shiftY = [], _shiftX = [];

    /// <summary>Y = X with example n shifted by (<paramref name="shiftY"/>[n], <paramref name="shiftX"/>[n]) pixels.</summary>
    public Tensor<T> Forward(Tensor<T> x, ReadOnlySpan<int> shiftY, ReadOnlySpan<int> shiftX)
    {
        var (m, _, _, _) = ImageBatch.Shape(x, "RandomTranslation");
        ImageBatch.Keep(shiftY, m, ref _shiftY, "RandomTranslation", "vertical shift");
        ImageBatch.Keep(shiftX, m, ref _shiftX, "RandomTranslation", "horizontal shift");
        return Apply(x);
    }

    /// <summary>target[n, i, j] = source[n, i − d·s_y, j − d·s_x] or 0, d = 1 forward and −1 for the transpose.</summary>
    protected override void Map(Tensor<T> shape, ReadOnlySpan<T> source, Span<T> target, bool transpose)
    {
        int m = shape.Dim(0), h = shape.Dim(1), w = shape.Dim(2), c = shape.Dim(3), image = h * w * c, d = transpose ? -1 : 1;
        target.Clear();
        for (int n = 0; n < m; n++)
        {
            int sy = d * _shiftY[n], sx = d * _shiftX[n];
            int j0 = Math.Max(0, sx), j1 = Math.Min(w, w + sx); // target columns with a source column
            if (j1 <= j0) continue;
            for (int i = Math.Max(0, sy); i < Math.Min(h, h + sy); i++)
                source.Slice(n * image + ((i - sy) * w + j0 - sx) * c, (j1 - j0) * c).CopyTo(target.Slice(n * image + (i * w + j0) * c, (j1 - j0) * c));
        }
    }
}
