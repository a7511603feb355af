using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A random image augmentation on channels-last batches (m, n_H, n_W, n_C): in training mode Y = a(X; r_k), a
/// differentiable op whose random choices r_k for the k-th training batch (k = 0, 1, …, <see cref="Batches"/>) come from a
/// generator seeded with s_k = mix(seed, k) (SplitMix64's finaliser), so the same seed gives the same augmented batches and
/// a resumed run that sets <see cref="Batches"/> to its step count repeats the uninterrupted one; in evaluation Y = X (the
/// input itself), so evaluate and predict never see it. The gradient flows through a: dX = a's backward of dY with r_k.</summary>
public abstract class Augmentation<T> : Module<T>, IBatchSeeded where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NumpyRandom _random = new();

    /// <summary>An augmentation whose draws come from <paramref name="seed"/>.</summary>
    protected Augmentation(uint seed) => Seed = seed;

    /// <summary>The seed the random choices are drawn from.</summary>
    public uint Seed { get; }

    /// <summary>k: training batches augmented so far; the next one's choices come from s_k = mix(seed, k, r).</summary>
    public long Batches { get; set; }

    /// <summary>r: the replica drawing (the rank under data-parallel training).</summary>
    public int Stream { get; set; }

    public sealed override Tensor<T> Forward(Tensor<T> input)
    {
        if (!IsTraining) return input;
        if (input.Rank != 4) throw new ArgumentException($"{this} expects channels-last images (m, n_H, n_W, n_C); got shape {ShapeMath.Format(input.Shape)}.");
        _random.Seed(BatchSeed(Seed, Batches++, Stream));
        return Augment(input, _random);
    }

    /// <summary>Y = a(X; r): draws this batch's choices from <paramref name="random"/> (example by example, in order) and
    /// applies the op.</summary>
    protected abstract Tensor<T> Augment(Tensor<T> images, NumpyRandom random);

    /// <summary>s_k = the upper 32 bits of SplitMix64's finaliser of seed·2³² + k + r·c (c = 0xD1B54A32D192ED03, an odd
    /// constant; r = <paramref name="stream"/>, 0 in one process): neighbouring batches, seeds and ranks get unrelated
    /// generators.</summary>
    public static uint BatchSeed(uint seed, long batch, int stream = 0)
    {
        ulong z = ((ulong)seed << 32) + (ulong)batch + 0x9E3779B97F4A7C15UL + (ulong)(uint)stream * 0xD1B54A32D192ED03UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (uint)(z >> 32);
    }
}
