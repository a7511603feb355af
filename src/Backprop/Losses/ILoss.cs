using System.Numerics;
using Backprop.Layers.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>A cost J(A, Y) averaged over the batch, and its gradient with respect to the output layer's Z,
/// dZ = ∂J/∂Z, which a loss may compute directly for its natural output activation (σ with cross-entropy: A − Y).</summary>
public interface ILoss
{
    /// <summary>Name used in files and on the command line.</summary>
    string Name { get; }

    /// <summary>Throws if this loss cannot be paired with the output activation (cross-entropy needs sigmoid).</summary>
    void CheckOutputActivation(IActivation activation);

    /// <summary>J from the output layer's Z, A = g(Z) and targets Y.</summary>
    T Cost<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dZ = ∂J/∂Z into <paramref name="dz"/>.</summary>
    void Gradient<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y, IActivation activation, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>;
}
