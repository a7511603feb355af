using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Convolution;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A[n, c] = (1 / (n_H·n_W)) Σ_{i, j} A_prev[n, i, j, c]: (m, n_H, n_W, n_C) → (m, n_C). No parameters.</summary>
public sealed class GlobalAvgPool2D<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, GlobalAvgPool2DNode<T>> _nodes = new(() => new GlobalAvgPool2DNode<T>());

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(input);

    public override string ToString() => "GlobalAvgPool2D";
}
