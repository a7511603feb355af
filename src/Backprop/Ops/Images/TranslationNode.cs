using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Images;

/// <summary>Shifts each example by whole pixels with zero fill (a random crop of a zero-padded image):
/// Y[n, i, j, c] = X[n, i − s_y[n], j − s_x[n], c] where that pixel exists, else 0, on channels-last images
/// (m, n_H, n_W, n_C); positive shifts move the content down and right. Backward moves the gradient back:
/// dX[n, i, j, c] = dY[n, i + s_y[n], j + s_x[n], c] where that pixel exists, else 0 (pixels shifted out get none).</summary>
public sealed class TranslationNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _scratch = new();
    private int[] _shiftY = [], _shiftX = [];

    public TranslationNode() : base(1) { }

    /// <summary>Y = X with example n shifted by (<paramref name="shiftY"/>[n], <paramref name="shiftX"/>[n]) pixels.</summary>
    public Tensor<T> Forward(Tensor<T> x, ReadOnlySpan<int> shiftY, ReadOnlySpan<int> shiftX)
    {
        var (m, _, _, _) = ImageBatch.Shape(x, "RandomTranslation");
        ImageBatch.Keep(shiftY, m, ref _shiftY, "RandomTranslation", "vertical shift");
        ImageBatch.Keep(shiftX, m, ref _shiftX, "RandomTranslation", "horizontal shift");
        Inputs[0] = x;
        var y = _output.Like(x);
        Shift(x, x.AsReadOnlySpan(), y.AsSpan(), 1);
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        var target = accumulate ? _scratch.Like(x) : dx;
        Shift(x, dy.AsReadOnlySpan(), target.AsSpan(), -1);
        if (accumulate) dx.AddInPlace(target);
    }

    /// <summary>target[n, i, j] = source[n, i − d·s_y, j − d·s_x] or 0, d = ±1 (forward or backward).</summary>
    private void Shift(Tensor<T> shape, ReadOnlySpan<T> source, Span<T> target, int direction)
    {
        int m = shape.Dim(0), h = shape.Dim(1), w = shape.Dim(2), c = shape.Dim(3), image = h * w * c;
        target.Clear();
        for (int n = 0; n < m; n++)
        {
            int sy = direction * _shiftY[n], sx = direction * _shiftX[n];
            int j0 = Math.Max(0, sx), j1 = Math.Min(w, w + sx); // target columns with a source column
            if (j1 <= j0) continue;
            for (int i = Math.Max(0, sy); i < Math.Min(h, h + sy); i++)
                source.Slice(n * image + ((i - sy) * w + j0 - sx) * c, (j1 - j0) * c).CopyTo(target.Slice(n * image + (i * w + j0) * c, (j1 - j0) * c));
        }
    }
}
