using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops.Images;

/// <summary>Brightness and contrast per example on channels-last images (m, n_H, n_W, n_C):
/// Y[n, i, j, c] = κ_n (X[n, i, j, c] − μ[n, c]) + μ[n, c] + β_n, with μ[n, c] = (1/(n_H·n_W)) Σ_{i,j} X[n, i, j, c] the
/// image's channel mean (contrast scales the values about it, as TensorFlow's adjust_contrast does; brightness adds β).
/// Since ∂Y[p]/∂X[q] = κ_n δ_pq + (1 − κ_n)/(n_H·n_W) within one image and channel, backward is
/// dX[n, i, j, c] = κ_n dY[n, i, j, c] + (1 − κ_n) · (1/(n_H·n_W)) Σ_{i',j'} dY[n, i', j', c]. One pass each way, no temporaries.</summary>
public sealed class ColorJitterNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private double[] _brightness = [], _contrast = [];
    private T[] _means = [];

    public ColorJitterNode() : base(1) { }

    /// <summary>Y = κ (X − μ) + μ + β with β = <paramref name="brightness"/>[n] and κ = <paramref name="contrast"/>[n].</summary>
    public Tensor<T> Forward(Tensor<T> x, ReadOnlySpan<double> brightness, ReadOnlySpan<double> contrast)
    {
        var (m, _, _, c) = ImageBatch.Shape(x, "ColorJitter");
        ImageBatch.Keep(brightness, m, ref _brightness, "ColorJitter", "brightness shift");
        ImageBatch.Keep(contrast, m, ref _contrast, "ColorJitter", "contrast factor");
        if (_means.Length < c) _means = new T[c];
        Inputs[0] = x;
        var y = _output.Like(x);
        Apply(x, x.AsReadOnlySpan(), y.AsSpan(), withBrightness: true, accumulate: false);
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        Apply(x, dy.AsReadOnlySpan(), dx.AsSpan(), withBrightness: false, accumulate);
    }

    /// <summary>target = κ (source − mean) + mean (+ β), or target += the same without β.</summary>
    private void Apply(Tensor<T> shape, ReadOnlySpan<T> source, Span<T> target, bool withBrightness, bool accumulate)
    {
        int m = shape.Dim(0), c = shape.Dim(3), pixels = shape.Dim(1) * shape.Dim(2), image = pixels * c;
        var means = _means.AsSpan(0, c);
        T count = T.CreateChecked(pixels);
        for (int n = 0; n < m; n++)
        {
            var from = source.Slice(n * image, image);
            var to = target.Slice(n * image, image);
            means.Clear();
            for (int p = 0; p < image; p += c)
                for (int k = 0; k < c; k++) means[k] += from[p + k];
            T kappa = T.CreateChecked(_contrast[n]), beta = withBrightness ? T.CreateChecked(_brightness[n]) : T.Zero;
            for (int k = 0; k < c; k++) means[k] = (T.One - kappa) * means[k] / count + beta; // (1 − κ)μ + β
            for (int p = 0; p < image; p += c)
                for (int k = 0; k < c; k++)
                {
                    T v = kappa * from[p + k] + means[k];
                    to[p + k] = accumulate ? to[p + k] + v : v;
                }
        }
    }
}
