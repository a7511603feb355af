using System.Numerics;
using Backprop.Randomness;

namespace Backprop.Training;

/// <summary>m = <see cref="Count"/> labelled examples that training, validation and evaluation read in batches, wherever
/// they live: in memory (<see cref="DatasetExamples{T}"/>) or as image files decoded when a batch needs them
/// (<see cref="ImageFileExamples{T}"/>). Splits are <see cref="Take"/>s, so a held-out part is never loaded twice.</summary>
public interface IExampleSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>m, the examples.</summary>
    int Count { get; }

    /// <summary>n₀, the values of one example's X row (width·height·channels for an image).</summary>
    int Features { get; }

    /// <summary>Columns of Y per example: 1 for a 0/1 label or a class index, the class count for one-hot rows.</summary>
    int Outputs { get; }

    /// <summary>The examples at <paramref name="rows"/>, in that order.</summary>
    IExampleSet<T> Take(ReadOnlySpan<int> rows);

    /// <summary>The examples in batches of <paramref name="batchSize"/>, reshuffled each epoch by <paramref name="shuffle"/>
    /// (in order when null). Dispose it when done.</summary>
    IBatchSource<T> Batches(int batchSize, NumpyRandom? shuffle);

    /// <summary>The examples in order, in batches of <paramref name="batchSize"/>, for one pass (evaluation, prediction):
    /// nothing is kept for a later pass, so an image cache is not filled. Dispose it when done.</summary>
    IBatchSource<T> OnePass(int batchSize) => Batches(batchSize, shuffle: null);
}
