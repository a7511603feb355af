using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>A = σ(Z) = 1/(1 + e^−Z); dZ = dA ∘ A(1 − A).</summary>
public sealed class SigmoidActivation : IActivation
{
    public string Name => "sigmoid";
    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Unary<T, SigmoidOperator<T>>(z.AsReadOnlySpan(), a.AsSpan());
    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, SigmoidBackwardOperator<T>>(a.AsReadOnlySpan(), da.AsReadOnlySpan(), dz.AsSpan());
}
