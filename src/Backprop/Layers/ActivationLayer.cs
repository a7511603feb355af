using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A = g(Z) as a layer of its own (Keras' <c>Activation</c>, PyTorch's <c>nn.ReLU</c>): dZ = dA ∘ g′(Z).</summary>
public sealed class ActivationLayer<T>(IActivation activation) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, ActivationNode<T>> _nodes = new(() => new ActivationNode<T>());

    /// <summary>g.</summary>
    public IActivation Activation { get; } = activation ?? throw new ArgumentNullException(nameof(activation));

    public override IActivation? OutputActivation => Activation;

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(Activation, input);

    public override string ToString() => $"Activation({Activation.Name})";
}
