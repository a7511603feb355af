using System.Numerics;
using Backprop.Distributed;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Where training reads its mini-batches from: m = <see cref="Count"/> examples in ⌈m / B⌉ batches of
/// B = <see cref="BatchSize"/> rows (the last may be smaller). Each epoch starts with <see cref="StartEpoch"/>, which
/// draws that epoch's order, and then asks for batches 0, 1, … in turn; a batch's tensors stay valid until the next
/// request. The same seed gives the same batches in the same order. Dispose it when done: a streaming source stops its
/// decoding threads; an in-memory one has nothing to release.</summary>
public interface IBatchSource<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    void IDisposable.Dispose() { }

    /// <summary>m, the examples in one epoch.</summary>
    int Count { get; }

    /// <summary>B, the rows of every batch but perhaps the last.</summary>
    int BatchSize { get; }

    /// <summary>The part of each global batch this source hands out: the whole batch, unless it serves one rank of
    /// data-parallel training (<see cref="Distributed.Shard"/>). <see cref="Count"/> and <see cref="BatchSize"/> are global either way.</summary>
    Shard Shard => Shard.Whole;

    /// <summary>⌈m / B⌉.</summary>
    int BatchesPerEpoch => (Count + BatchSize - 1) / BatchSize;

    /// <summary>Begins an epoch: draws its order (a seeded permutation when shuffled, rows 0 … m−1 otherwise).</summary>
    void StartEpoch();

    /// <summary>Batch <paramref name="index"/> of the epoch, X [b, …] and Y [b, …] with b = min(B, m − index·B).</summary>
    (Tensor<T> X, Tensor<T> Y) Batch(int index);
}
