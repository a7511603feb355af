namespace Backprop.Layers;

/// <summary>A layer whose random draws for the k-th training batch come from a generator seeded with
/// s_k = mix(seed, k, r) (<see cref="Augmentation{T}.BatchSeed"/>), k = <see cref="Batches"/>, r = <see cref="Stream"/>:
/// augmentations and dropout. A resumed run sets <see cref="Batches"/> to its step count and draws what the
/// uninterrupted run drew; a gradient check holds it fixed; under data-parallel training the trainer sets r to the rank,
/// so each rank draws its own masks for its own rows (as PyTorch's DDP does), not copies of rank 0's.</summary>
public interface IBatchSeeded
{
    /// <summary>k: training batches drawn for so far.</summary>
    long Batches { get; set; }

    /// <summary>r: which replica draws (the rank; 0 in one process).</summary>
    int Stream { get; set; }
}
