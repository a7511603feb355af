namespace Backprop.Training.Callbacks;

/// <summary>Where a checkpoint was taken: after <see cref="StepsCompleted"/> steps, at the end of epoch <see cref="EpochsCompleted"/>.</summary>
public readonly record struct CheckpointInfo(int StepsCompleted, int EpochsCompleted);

/// <summary>Calls the save action at the end of every <see cref="EveryEpochs"/>-th epoch (not after the last,
/// which the caller saves anyway). Checkpoints sit on epoch boundaries, where the shuffling generator is between
/// permutations, so restoring parameters, optimiser state and generator state and passing
/// <see cref="TrainingOptions.StartStep"/> = StepsCompleted continues exactly as an uninterrupted run. In data-parallel
/// training only rank 0 saves (every rank holds the same state).</summary>
public sealed class Checkpointer : ITrainingCallback
{
    private readonly Action<CheckpointInfo, TrainingContext> _save;

    public Checkpointer(int everyEpochs, Action<CheckpointInfo> save) : this(everyEpochs, (at, _) => save(at)) { }

    /// <summary>A checkpointer whose <paramref name="save"/> also gets the context, to capture state beyond the parameters
    /// (such as <see cref="EarlyStopping.BestParameters"/>).</summary>
    public Checkpointer(int everyEpochs, Action<CheckpointInfo, TrainingContext> save)
    {
        EveryEpochs = everyEpochs >= 1 ? everyEpochs : throw new ArgumentOutOfRangeException(nameof(everyEpochs), everyEpochs, "Checkpoints need an interval of at least 1 epoch.");
        _save = save;
    }

    public int EveryEpochs { get; }

    public void OnEpochEnd(TrainingContext context, EpochResult epoch)
    {
        int done = epoch.Epoch + 1;
        if (done % EveryEpochs == 0 && done < context.TotalEpochs && !context.StopRequested && context.Rank == 0)
            _save(new CheckpointInfo(context.Step + 1, done), context);
    }
}
