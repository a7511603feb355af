using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Images;

/// <summary>Left–right mirror of chosen examples: Y[n, i, j, c] = X[n, i, n_W − 1 − j, c] where flip[n], else X[n, i, j, c],
/// on channels-last images (m, n_H, n_W, n_C). The map is its own inverse, so backward applies it to the gradient:
/// dX[n, i, j, c] = dY[n, i, n_W − 1 − j, c] where flip[n], else dY[n, i, j, c].</summary>
public sealed class HorizontalFlipNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _scratch = new();
    private bool[] _flip = [];

    public HorizontalFlipNode() : base(1) { }

    /// <summary>Y = X with example n mirrored left–right where <paramref name="flip"/>[n].</summary>
    public Tensor<T> Forward(Tensor<T> x, ReadOnlySpan<bool> flip)
    {
        var (m, _, _, _) = ImageBatch.Shape(x, "RandomFlip");
        ImageBatch.Keep(flip, m, ref _flip, "RandomFlip", "flip choice");
        Inputs[0] = x;
        var y = _output.Like(x);
        Mirror(x, x.AsReadOnlySpan(), y.AsSpan());
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        var target = accumulate ? _scratch.Like(x) : dx;
        Mirror(x, dy.AsReadOnlySpan(), target.AsSpan());
        if (accumulate) dx.AddInPlace(target);
    }

    private void Mirror(Tensor<T> shape, ReadOnlySpan<T> source, Span<T> target)
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
