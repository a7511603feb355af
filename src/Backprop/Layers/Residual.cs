using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Attention;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>One residual connection of a block, y = x + f(x), on the graph like the operator <c>x + f(x)</c>, but into a
/// buffer kept from step to step, so that a steady training step allocates nothing. Use one per place in a forward where
/// a residual is added (each keeps its own nodes).</summary>
public sealed class Residual<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, ResidualAddNode<T>> _nodes = new(() => new ResidualAddNode<T>());

    /// <summary>y = <paramref name="x"/> + <paramref name="branch"/>; backward dx = df = dy.</summary>
    public Tensor<T> Add(Tensor<T> x, Tensor<T> branch) => _nodes.Next().Forward(x, branch);
}
