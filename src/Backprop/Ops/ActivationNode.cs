using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>A = g(Z) for an activation g. Backward: dZ = dA ∘ g′(Z), by the activation's own <see cref="IActivation.Backward{T}"/>
/// (the one place each derivative is written). The output and scratch buffers are reused from call to call.</summary>
public sealed class ActivationNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _scratch = new();

    public ActivationNode() : base(1) { }

    /// <summary>g, the activation of the latest forward.</summary>
    public IActivation Activation { get; private set; } = Activations.Activation.Linear;

    /// <summary>Z, the pre-activation of the latest forward (a loss uses it to start from the logits).</summary>
    public Tensor<T> PreActivation => Inputs[0]!;

    /// <summary>A = g(Z), into this node's reused output buffer.</summary>
    public Tensor<T> Forward(IActivation activation, Tensor<T> z)
    {
        Activation = activation;
        Inputs[0] = z;
        var a = _output.Like(z);
        activation.Forward(z, a);
        return Graph.Record(a, this);
    }

    public override void Backward(Tensor<T> da)
    {
        var z = Inputs[0]!;
        var dz = Graph.GradientTarget(z, out bool accumulate);
        if (dz is null) return;
        if (!accumulate)
        {
            Activation.Backward(z, Output!, da, dz);
            return;
        }
        var contribution = _scratch.Like(z);
        Activation.Backward(z, Output!, da, contribution);
        dz.AddInPlace(contribution);
    }
}
