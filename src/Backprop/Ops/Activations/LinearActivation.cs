using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>A = Z (identity, for regression outputs); dZ = dA.</summary>
public sealed class LinearActivation : IActivation
{
    public string Name => "linear";
    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!ReferenceEquals(z, a)) z.AsReadOnlySpan().CopyTo(a.AsSpan());
    }
    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!ReferenceEquals(da, dz)) da.AsReadOnlySpan().CopyTo(dz.AsSpan());
    }
}
