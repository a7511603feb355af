namespace Backprop.Layers;

/// <summary>A layer whose random draws for the k-th training batch come from a generator seeded with s_k = mix(seed, k)
/// (<see cref="Augmentation{T}.BatchSeed"/>), k = <see cref="Batches"/>: augmentations and dropout. A resumed run sets
/// <see cref="Batches"/> to its step count and draws what the uninterrupted run drew; a gradient check holds it fixed.</summary>
public interface IBatchSeeded
{
    /// <summary>k: training batches drawn for so far.</summary>
    long Batches { get; set; }
}
