using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>One step of forward propagation A = f(A_prev) with its backward step dA_prev = g(dA), which also fills
/// the gradients of the layer's parameters. Layers keep their own caches (the course's "cache": A_prev, Z, A) and
/// reuse their buffers between steps of the same batch size, so a training step allocates nothing.</summary>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of input features n[l−1].</summary>
    int InputSize { get; }

    /// <summary>Number of output units n[l].</summary>
    int OutputSize { get; }

    /// <summary>Trainable parameters in the course's order (W then b).</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>A = f(A_prev) for a batch A_prev [m × n[l−1]]; the result [m × n[l]] is owned by the layer and valid until the next call.</summary>
    Tensor<T> Forward(Tensor<T> input);

    /// <summary>Given dA = ∂J/∂A of the latest forward batch, sets the parameter gradients and returns dA_prev
    /// (owned by the layer). When <paramref name="needInputGradient"/> is false (the first layer) dA_prev is skipped.</summary>
    Tensor<T>? Backward(Tensor<T> outputGradient, bool needInputGradient = true);
}
