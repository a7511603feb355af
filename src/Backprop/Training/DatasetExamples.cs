using System.Numerics;
using Backprop.Data;
using Backprop.Randomness;

namespace Backprop.Training;

/// <summary>Examples held in memory: a <see cref="Dataset{T}"/>'s X and Y rows, batched by <see cref="TensorBatchSource{T}"/>.</summary>
public sealed class DatasetExamples<T>(Dataset<T> data) : IExampleSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The rows themselves.</summary>
    public Dataset<T> Data { get; } = data ?? throw new ArgumentNullException(nameof(data));

    public int Count => Data.Count;

    public int Features => Data.FeatureCount;

    public int Outputs => Data.Y.Rank == 1 ? 1 : Data.Y.Dim(-1);

    public IExampleSet<T> Take(ReadOnlySpan<int> rows) => new DatasetExamples<T>(Data.Take(rows));

    public IBatchSource<T> Batches(int batchSize, NumpyRandom? shuffle) =>
        new TensorBatchSource<T>(Data.X, Data.Y, Math.Min(batchSize, Data.Count), shuffle);
}
