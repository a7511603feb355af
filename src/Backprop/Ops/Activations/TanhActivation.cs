using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>A = tanh Z; dZ = dA ∘ (1 − A²).</summary>
public sealed class TanhActivation : IActivation
{
    public string Name => "tanh";
    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Hyperbolic.Tanh(z.AsReadOnlySpan(), a.AsSpan());
    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, TanhBackwardOperator<T>>(a.AsReadOnlySpan(), da.AsReadOnlySpan(), dz.AsSpan());
}
