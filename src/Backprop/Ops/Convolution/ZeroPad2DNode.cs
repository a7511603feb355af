using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Convolution;

/// <summary>A[n, i + top, j + left, c] = A_prev[n, i, j, c], zeros elsewhere: the course's zero_pad, (m, n_H, n_W, n_C) →
/// (m, n_H + top + bottom, n_W + left + right, n_C). Backward: dA_prev = the interior of dA.</summary>
public sealed class ZeroPad2DNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private (int Top, int Bottom, int Left, int Right) _pad;

    public ZeroPad2DNode() : base(1) { }

    public Tensor<T> Forward(Tensor<T> x, int top, int bottom, int left, int right)
    {
        if (x.Rank != 4) throw new ArgumentException($"ZeroPad2D expects channels-last images (m, n_H, n_W, n_C); got shape {ShapeMath.Format(x.Shape)}.");
        Inputs[0] = x;
        _pad = (top, bottom, left, right);
        int m = x.Dim(0), h = x.Dim(1), w = x.Dim(2), c = x.Dim(3), ph = h + top + bottom, pw = w + left + right;
        var y = _output.Get(m, ph, pw, c);
        var ys = y.AsSpan();
        var xs = x.AsReadOnlySpan();
        ys.Clear();
        for (int n = 0; n < m; n++)
            for (int i = 0; i < h; i++)
                xs.Slice(((n * h + i) * w) * c, w * c).CopyTo(ys.Slice(((n * ph + i + top) * pw + left) * c, w * c));
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        var (top, bottom, left, right) = _pad;
        int m = x.Dim(0), h = x.Dim(1), w = x.Dim(2), c = x.Dim(3), ph = h + top + bottom, pw = w + left + right;
        var d = dx.AsSpan();
        var dys = dy.AsReadOnlySpan();
        for (int n = 0; n < m; n++)
            for (int i = 0; i < h; i++)
            {
                var source = dys.Slice(((n * ph + i + top) * pw + left) * c, w * c);
                var target = d.Slice(((n * h + i) * w) * c, w * c);
                if (accumulate) Reductions.AddInto(source, target);
                else source.CopyTo(target);
            }
    }
}
