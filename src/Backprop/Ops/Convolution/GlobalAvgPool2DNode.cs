using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Convolution;

/// <summary>A[n, c] = (1 / (n_H·n_W)) Σ_{i, j} A_prev[n, i, j, c]: one value per channel and image, (m, n_H, n_W, n_C) →
/// (m, n_C). Backward: dA_prev[n, i, j, c] = dA[n, c] / (n_H·n_W).</summary>
public sealed class GlobalAvgPool2DNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();

    public GlobalAvgPool2DNode() : base(1) { }

    public Tensor<T> Forward(Tensor<T> x)
    {
        if (x.Rank != 4) throw new ArgumentException($"GlobalAvgPool2D expects channels-last images (m, n_H, n_W, n_C); got shape {ShapeMath.Format(x.Shape)}.");
        Inputs[0] = x;
        int m = x.Dim(0), pixels = x.Dim(1) * x.Dim(2), c = x.Dim(3);
        var y = _output.Get(m, c);
        var ys = y.AsSpan();
        var xs = x.AsReadOnlySpan();
        ys.Clear();
        var scale = T.One / T.CreateChecked(Math.Max(pixels, 1));
        for (int n = 0; n < m; n++)
        {
            var o = ys.Slice(n * c, c);
            for (int p = 0; p < pixels; p++) Reductions.AddInto(xs.Slice((n * pixels + p) * c, c), o);
            for (int ch = 0; ch < c; ch++) o[ch] *= scale;
        }
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        int m = x.Dim(0), pixels = x.Dim(1) * x.Dim(2), c = x.Dim(3);
        var scale = T.One / T.CreateChecked(Math.Max(pixels, 1));
        var d = dx.AsSpan();
        var dys = dy.AsReadOnlySpan();
        for (int n = 0; n < m; n++)
            for (int p = 0; p < pixels; p++)
            {
                var target = d.Slice((n * pixels + p) * c, c);
                var grad = dys.Slice(n * c, c);
                for (int ch = 0; ch < c; ch++) target[ch] = accumulate ? target[ch] + grad[ch] * scale : grad[ch] * scale;
            }
    }
}
