using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops.Images;

/// <summary>An op that moves pixels without changing them, Y = P X for a 0/1 matrix P fixed by the batch's choices (a
/// mirror, a shift): forward writes P X, backward writes dX = Pᵀ dY through <see cref="Map"/> with
/// <c>transpose = true</c>, adding to dX when x already has a gradient in this pass.</summary>
public abstract class PixelMapNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _scratch = new();

    protected PixelMapNode() : base(1) { }

    /// <summary>target = P source (<paramref name="transpose"/> false) or Pᵀ source, for images shaped like
    /// <paramref name="shape"/>; every element of target is written.</summary>
    protected abstract void Map(Tensor<T> shape, ReadOnlySpan<T> source, Span<T> target, bool transpose);

    /// <summary>Y = P X, recorded.</summary>
    protected Tensor<T> Apply(Tensor<T> x)
    {
        Inputs[0] = x;
        var y = _output.Like(x);
        Map(x, x.AsReadOnlySpan(), y.AsSpan(), transpose: false);
        return Graph.Record(y, this);
    }

    public sealed override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        var target = accumulate ? _scratch.Like(x) : dx;
        Map(x, dy.AsReadOnlySpan(), target.AsSpan(), transpose: true);
        if (accumulate) dx.AddInPlace(target);
    }
}
