using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Attention;

/// <summary>A residual connection, y = x + f(x), for two tensors of one shape, into a buffer the node keeps from step to
/// step (the operator <c>x + y</c> makes a new tensor each call). Backward: dx = dy and df = dy, each added to or copied
/// into its gradient.</summary>
public sealed class ResidualAddNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();

    public ResidualAddNode() : base(2) { }

    /// <summary>y = <paramref name="x"/> + <paramref name="branch"/>.</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> branch)
    {
        if (!x.Shape.SequenceEqual(branch.Shape))
            throw new ArgumentException($"A residual connection adds tensors of one shape; got {ShapeMath.Format(x.Shape)} and {ShapeMath.Format(branch.Shape)}.");
        (Inputs[0], Inputs[1]) = (x, branch);
        var y = _output.Like(x);
        Elementwise.Binary<T, AddOperator<T>>(x.AsReadOnlySpan(), branch.AsReadOnlySpan(), y.AsSpan());
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var g = dy.AsReadOnlySpan();
        for (int i = 0; i < 2; i++)
            if (Graph.GradientTarget(Inputs[i]!, out bool add) is { } target)
            {
                if (add) Reductions.AddInto(g, target.AsSpan());
                else g.CopyTo(target.AsSpan());
            }
    }
}
