using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>GELU's tanh approximation (GPT-2's, PyTorch's nn.GELU(approximate="tanh")): A = ½Z(1 + tanh u),
/// u = √(2/π)(Z + 0.044715Z³); dZ = dA ∘ (½(1 + tanh u) + ½Z(1 − tanh² u)·√(2/π)(1 + 3·0.044715Z²)).</summary>
public sealed class GeluTanhActivation : IActivation
{
    public string Name => "gelu-tanh";
    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Gelu.Tanh(z.AsReadOnlySpan(), a.AsSpan());
    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T> =>
        Gelu.TanhBackward(z.AsReadOnlySpan(), da.AsReadOnlySpan(), dz.AsSpan());
}
