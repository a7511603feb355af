namespace Backprop.Training;

/// <summary>How an <see cref="ImageFolderBatchSource{T}"/> decodes: <see cref="DecodeThreads"/> workers fill the next
/// <see cref="PrefetchDepth"/> batches ahead of the step; up to <see cref="CacheBytes"/> of decoded images are kept for
/// later epochs (0: none, every epoch decodes again). None of them changes the batches, only memory and speed.</summary>
public sealed record ImageStreamOptions
{
    /// <summary>Worker threads decoding one batch's images in parallel (default: the processor count).</summary>
    public int DecodeThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Batches decoded ahead of the one training uses (≥ 1).</summary>
    public int PrefetchDepth { get; init; } = Defaults.TrainingDefaults.PrefetchDepth;

    /// <summary>Most bytes of decoded images kept in memory across epochs.</summary>
    public long CacheBytes { get; init; }

    /// <summary>Y as one-hot rows over the classes (softmax) instead of a column of class indices.</summary>
    public bool OneHot { get; init; }

    internal ImageStreamOptions Validated()
    {
        if (DecodeThreads < 1) throw new ArgumentOutOfRangeException(nameof(DecodeThreads), DecodeThreads, "At least one decoding thread is needed.");
        if (PrefetchDepth < 1) throw new ArgumentOutOfRangeException(nameof(PrefetchDepth), PrefetchDepth, "The prefetch depth must be ≥ 1.");
        if (CacheBytes < 0) throw new ArgumentOutOfRangeException(nameof(CacheBytes), CacheBytes, "The cache size must be ≥ 0 bytes.");
        return this;
    }
}
