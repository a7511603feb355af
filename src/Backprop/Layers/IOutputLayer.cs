using System.Numerics;
using Backprop.Layers.Activations;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A layer that can end a model: its activation is known, so a loss can hand it dZ = ∂J/∂Z directly
/// (sigmoid + cross-entropy gives dZ = A − Y) instead of going through g′.</summary>
public interface IOutputLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>g of the output.</summary>
    IActivation Activation { get; }

    /// <summary>Z of the latest forward batch.</summary>
    Tensor<T> PreActivation { get; }

    /// <summary>The course's linear_backward: from dZ, fill dW and db and return dA_prev (if needed).</summary>
    Tensor<T>? BackwardFromPreActivation(Tensor<T> dz, bool needInputGradient = true);
}
