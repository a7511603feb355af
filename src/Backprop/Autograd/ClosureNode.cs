using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Autograd;

/// <summary>An op recorded with its backward rule as a function, dxᵢ = backward(dy)ᵢ: the form composed and simple ops use
/// (<c>Graph.Record(y, x, dy =&gt; dy * y)</c>). Gradients may have y's broadcast shape; the engine sums them back.</summary>
internal sealed class ClosureNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<Tensor<T>, Tensor<T>?[]> _backward;

    public ClosureNode(Tensor<T>[] inputs, Func<Tensor<T>, Tensor<T>?[]> backward) : base(inputs.Length)
    {
        inputs.CopyTo(Inputs, 0);
        _backward = backward;
    }

    public override void Backward(Tensor<T> dy)
    {
        var dx = _backward(dy);
        for (int i = 0; i < Inputs.Length; i++)
            if (Inputs[i] is { RequiresGrad: true } x && dx[i] is { } g) Graph.Accumulate(x, g);
    }
}
