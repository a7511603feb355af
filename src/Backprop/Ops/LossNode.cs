using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>What the fused losses share: a cost J against constant targets Y, written into a reused one-element output, and
/// a backward that hands ∂J/∂input (the input being logits or predictions) to the graph through a reused scratch buffer.
/// Losses are singletons, so their nodes come from a per-thread pool per loss type rather than from a module.</summary>
public abstract class LossNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _cost = new(), _gradient = new();

    protected LossNode() : base(2) { }

    /// <summary>Y, the targets of the latest forward.</summary>
    protected Tensor<T> Targets { get; private set; } = Tensor<T>.Scalar(T.Zero);

    /// <summary>J as a rank-0 tensor recorded on the graph with this node. <paramref name="bypassed"/> is a second tensor the
    /// backward pass must reach: a target that needs its own gradient, or the output of
    /// activation a loss skips when it starts from the logits: it gets no gradient, but back-propagation still visits its
    /// op, so the op's buffers are released for the next step.</summary>
    protected Tensor<T> Finish(Tensor<T> input, Tensor<T> targets, T cost, Tensor<T>? bypassed = null)
    {
        Inputs[0] = input;
        Inputs[1] = bypassed;
        Targets = targets;
        var j = _cost.Get([]);
        j.AsSpan()[0] = cost;
        return Graph.Record(j, this);
    }

    public override void Backward(Tensor<T> dj)
    {
        var input = Inputs[0]!;
        var target = Graph.GradientTarget(input, out bool accumulate);
        if (target is null) return;
        var gradient = accumulate ? _gradient.Like(input) : target;
        InputGradient(gradient);
        T seed = dj.AsReadOnlySpan()[0];
        if (seed != T.One) Elementwise.BinaryScalarRight<T, MultiplyOperator<T>>(gradient.AsReadOnlySpan(), seed, gradient.AsSpan());
        if (accumulate) target.AddInPlace(gradient);
    }

    /// <summary>Writes ∂J/∂input for dJ = 1 into <paramref name="gradient"/>.</summary>
    protected abstract void InputGradient(Tensor<T> gradient);
}

/// <summary>Per-thread pools of loss nodes (losses are shared singletons; their nodes are reused per step).</summary>
internal static class LossNodes<T, TNode> where T : unmanaged, IFloatingPointIeee754<T> where TNode : LossNode<T>, new()
{
    [ThreadStatic] private static NodePool<T, TNode>? t_pool;

    public static TNode Next() => (t_pool ??= new NodePool<T, TNode>(() => new TNode())).Next();
}
