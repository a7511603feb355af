using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>An activation g: A = g(Z) elementwise (or row-wise for softmax), and its backward dZ = dA ∘ g′(Z).
/// Both write into caller-owned buffers, so layers can reuse them. Stateless: one instance serves any element type.</summary>
public interface IActivation
{
    /// <summary>The name used in files and on the command line ("relu", "sigmoid", …).</summary>
    string Name { get; }

    /// <summary>A = g(Z).</summary>
    void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dZ = dA ∘ g′(Z), given the cached Z and A = g(Z). dZ may be the same tensor as dA.</summary>
    void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>;
}
