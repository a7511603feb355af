using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Inverted dropout: in training Y = X ∘ D with D = (U ≥ rate)/(1 − rate), a fresh mask per training batch k
/// drawn from a generator seeded with s_k = mix(<paramref name="seed"/>, k, rank) (<see cref="IBatchSeeded"/>, as the
/// augmentations), so runs repeat and a resumed run draws the masks of the uninterrupted one; in evaluation Y = X.
/// Backward: dX = dY ∘ D.</summary>
public sealed class Dropout<T>(double rate, uint seed = 0) : Module<T>, IBatchSeeded where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, DropoutNode<T>> _nodes = new(() => new DropoutNode<T>());
    private readonly NumpyRandom _random = new();

    /// <summary>k: training batches masked so far.</summary>
    public long Batches { get; set; }

    /// <summary>r: the replica drawing (the rank under data-parallel training).</summary>
    public int Stream { get; set; }

    /// <summary>The probability of dropping a unit, in [0, 1).</summary>
    public double Rate { get; } = rate is >= 0 and < 1 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");

    /// <summary>The seed the masks are drawn from.</summary>
    public uint Seed { get; } = seed;

    public override Tensor<T> Forward(Tensor<T> input)
    {
        if (!IsTraining || Rate == 0) return input;
        _random.Seed(Augmentation<T>.BatchSeed(Seed, Batches++, Stream));
        return _nodes.Next().Forward(input, Rate, _random);
    }

    public override string ToString() => $"Dropout({Rate})";
}
