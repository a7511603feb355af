using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Inverted dropout: in training Y = X ∘ D with D = (U ≥ rate)/(1 − rate), a fresh mask per call drawn from a
/// generator seeded with <paramref name="seed"/> (so runs repeat); in evaluation Y = X. Backward: dX = dY ∘ D.</summary>
public sealed class Dropout<T>(double rate, uint seed = 0) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, DropoutNode<T>> _nodes = new(() => new DropoutNode<T>());
    private readonly NumpyRandom _random = new(seed);

    /// <summary>The probability of dropping a unit, in [0, 1).</summary>
    public double Rate { get; } = rate is >= 0 and < 1 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");

    /// <summary>The seed the masks are drawn from.</summary>
    public uint Seed { get; } = seed;

    public override Tensor<T> Forward(Tensor<T> input) =>
        IsTraining && Rate > 0 ? _nodes.Next().Forward(input, Rate, _random) : input;

    public override string ToString() => $"Dropout({Rate})";
}
