using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Autograd;

/// <summary>One recorded op y = f(inputs): its inputs and its backward rule. <see cref="Backward"/> receives ∂J/∂y and
/// hands each input its gradient through <see cref="Graph.GradientTarget{T}"/> (write or add in place, for fused ops that
/// produce gradients straight into reused buffers) or <see cref="Graph.Accumulate{T}"/> (for gradients computed as new
/// tensors). Fused ops derive from this class with their forward beside their backward; composed ops need none.</summary>
public abstract class GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected GradNode(int inputCount) => Inputs = new Tensor<T>?[inputCount];

    /// <summary>The tensors this op read, set by its forward (null for an input it does not differentiate).</summary>
    public Tensor<T>?[] Inputs { get; }

    /// <summary>y, the tensor this op produced when it was last recorded.</summary>
    public Tensor<T>? Output { get; internal set; }

    /// <summary>Given dy = ∂J/∂y, adds ∂J/∂input to every input that requires a gradient.</summary>
    public abstract void Backward(Tensor<T> dy);

    // Engine stamps: the pass that last visited this node, the step a pool last handed it out in, and whether it is part
    // of a recorded graph that has not been back-propagated yet (its buffers are then still needed).
    internal int Visit;
    internal int LiveEpoch;
    internal bool Pending;
}
