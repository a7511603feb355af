using Backprop.Defaults;
using Backprop.Distributed;
using Backprop.Randomness;

namespace Backprop.Training;

/// <summary>How long and in what pieces to train. Full batch: one gradient step per epoch on all m examples
/// (the course's "iterations"). Mini-batch: ⌈m / BatchSize⌉ steps per epoch, on examples shuffled by
/// <see cref="Shuffle"/> at the start of each epoch (NumPy's permutation, so runs are reproducible).</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data (for full batch, the number of iterations).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Examples per step; null means the whole training set (full batch).</summary>
    public int? BatchSize { get; init; }

    /// <summary>Shuffles mini-batches each epoch; null keeps the data's order.</summary>
    public NumpyRandom? Shuffle { get; init; }

    /// <summary>Record the cost in the history every this many steps (and at the last step).</summary>
    public int RecordCostEvery { get; init; } = 1;

    /// <summary>Subscribers to training events: progress, logging, early stopping, checkpoints.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Stops cleanly after the current step when cancelled (Ctrl-C).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Steps already done (when resuming from a checkpoint): training continues from this step.</summary>
    public int StartStep { get; init; }

    /// <summary>The processes training together (<see cref="DataParallel.Mpi"/> under <c>mpirun</c>); a single process by
    /// default. With N ranks, <see cref="BatchSize"/> stays the global batch: every rank draws the same shuffle and takes rows
    /// r, r + N, … of each batch, gradients are averaged over the global batch by one bucketed all-reduce per step, and every
    /// rank applies the same update (docs/architecture.md, "Data-parallel training").</summary>
    public ICommunicator Communicator { get; init; } = SingleProcess.Instance;

    /// <summary>The most bytes of gradients in one all-reduce (<see cref="TrainingDefaults.GradientBucketBytes"/>).</summary>
    public int GradientBucketBytes { get; init; } = TrainingDefaults.GradientBucketBytes;

    /// <summary>The course's full-batch loop: <paramref name="iterations"/> gradient steps on all examples.</summary>
    public static TrainingOptions FullBatch(int iterations, int recordCostEvery = 100) =>
        new() { Epochs = iterations, RecordCostEvery = recordCostEvery };

    /// <summary>Mini-batch training: <paramref name="epochs"/> passes in batches of <paramref name="batchSize"/>, shuffled by <paramref name="shuffle"/>.</summary>
    public static TrainingOptions MiniBatch(int epochs, int batchSize, NumpyRandom? shuffle, int recordCostEvery = 1) =>
        new() { Epochs = epochs, BatchSize = batchSize, Shuffle = shuffle, RecordCostEvery = recordCostEvery };

    internal void Validate(int examples)
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "The number of epochs (iterations) must be ≥ 0.");
        if (BatchSize is <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be ≥ 1.");
        if (RecordCostEvery <= 0) throw new ArgumentOutOfRangeException(nameof(RecordCostEvery), RecordCostEvery, "RecordCostEvery must be ≥ 1.");
        if (examples == 0) throw new ArgumentException("There are no training examples.");
        ArgumentNullException.ThrowIfNull(Communicator, nameof(Communicator));
        if (GradientBucketBytes < sizeof(double)) throw new ArgumentOutOfRangeException(nameof(GradientBucketBytes), GradientBucketBytes, "A gradient bucket needs room for at least one value.");
    }
}
