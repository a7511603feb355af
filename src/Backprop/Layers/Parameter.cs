using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A trainable tensor θ with its gradient dθ = ∂J/∂θ, named in the course's notation ("W1", "b1").
/// Optimisers update <see cref="Value"/> in place from <see cref="Gradient"/>.</summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Parameter(string name, Tensor<T> value)
    {
        Name = name;
        Value = value;
        Gradient = Tensor<T>.ZerosLike(value);
    }

    /// <summary>The course's name for this parameter, e.g. "W2" or "b2".</summary>
    public string Name { get; internal set; }

    /// <summary>θ.</summary>
    public Tensor<T> Value { get; }

    /// <summary>dθ from the latest backward pass (same shape as θ).</summary>
    public Tensor<T> Gradient { get; }

    public override string ToString() => $"{Name} {ShapeMath.Format(Value.Shape)}";
}
