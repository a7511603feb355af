using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>(m, d₁, …, d_k) → (m, d₁·…·d_k), row-major (for channels-last images, feature = (i·n_W + j)·n_C + c, the course's
/// flattening). No parameters. Backward: the gradient takes the input's shape back.</summary>
public sealed class Flatten<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, ReshapeNode<T>> _nodes = new(() => new ReshapeNode<T>());

    public override Tensor<T> Forward(Tensor<T> input)
    {
        int per = input.Rank == 0 || input.Dim(0) == 0 ? 0 : input.Length / input.Dim(0);
        return _nodes.Next().Forward(input, [per], "Flatten");
    }

    public override string ToString() => "Flatten";
}
