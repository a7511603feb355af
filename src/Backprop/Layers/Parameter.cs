using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A trainable tensor θ with its gradient dθ = ∂J/∂θ, its role in the layer and its fan sizes.
/// θ is a leaf of the computation graph: back-propagation accumulates into dθ until <see cref="ZeroGrad"/>, and
/// optimisers update <see cref="Value"/> in place from <see cref="Gradient"/>.</summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Parameter(string name, Tensor<T> value, ParameterRole role = ParameterRole.Weight, FanSizes? fans = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        LocalName = Name = name;
        Value = value;
        Value.RequiresGrad = true;
        Value.Name = name;
        Role = role;
        Fans = fans ?? FanSizes.OfMatrix(value);
    }

    /// <summary>The name inside its layer ("W", "b", "gamma").</summary>
    public string LocalName { get; }

    /// <summary>The name inside the whole model, in the course's notation for a sequential network ("W2", "b2"), else the
    /// path of modules ("block.a.W"). Set when a model collects its parameters.</summary>
    public string Name { get; internal set; }

    /// <summary>θ.</summary>
    public Tensor<T> Value { get; }

    /// <summary>What θ does in its layer.</summary>
    public ParameterRole Role { get; }

    /// <summary>Fan-in and fan-out, for initialisers that scale by them.</summary>
    public FanSizes Fans { get; }

    /// <summary>dθ from the backward passes since the last <see cref="ZeroGrad"/> (zeros when none reached θ).</summary>
    public Tensor<T> Gradient
    {
        get
        {
            if (Value.Grad is { } g) return g;
            var zeros = Value.GradBuffer is { } b && b.Shape.SequenceEqual(Value.Shape) ? b : Tensor<T>.ZerosLike(Value);
            zeros.Fill(T.Zero);
            Value.Grad = zeros;
            return zeros;
        }
    }

    /// <summary>Forgets dθ (free: the next backward pass overwrites the buffer instead of adding to it).</summary>
    public void ZeroGrad() => Graph.ZeroGrad(Value);

    public override string ToString() => $"{Name} {ShapeMath.Format(Value.Shape)}";
}
