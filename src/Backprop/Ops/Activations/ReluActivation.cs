using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>A = max(0, Z); dZ = dA where Z &gt; 0, else 0 (the course's convention at Z = 0).</summary>
public sealed class ReluActivation : IActivation
{
    public string Name => "relu";
    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Unary<T, ReluOperator<T>>(z.AsReadOnlySpan(), a.AsSpan());
    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, ReluBackwardOperator<T>>(z.AsReadOnlySpan(), da.AsReadOnlySpan(), dz.AsSpan());
}
