using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>The exact GELU: A = Z·Φ(Z) = ½Z(1 + erf(Z/√2)); dZ = dA ∘ (Φ(Z) + Z·φ(Z)), φ(z) = e^(−z²/2)/√(2π)
/// (PyTorch's nn.GELU(), the transformer MLP's activation).</summary>
public sealed class GeluActivation : IActivation
{
    public string Name => "gelu";
    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Gelu.Exact(z.AsReadOnlySpan(), a.AsSpan());
    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T> =>
        Gelu.ExactBackward(z.AsReadOnlySpan(), a.AsReadOnlySpan(), da.AsReadOnlySpan(), dz.AsSpan());
}
