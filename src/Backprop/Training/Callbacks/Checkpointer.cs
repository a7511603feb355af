namespace Backprop.Training.Callbacks;

/// <summary>Where a checkpoint was taken: after <see cref="StepsCompleted"/> steps, at the end of epoch <see cref="EpochsCompleted"/>.</summary>
public readonly record struct CheckpointInfo(int StepsCompleted, int EpochsCompleted);

/// <summary>Calls <paramref name="save"/> at the end of every <paramref name="everyEpochs"/>-th epoch (not after the last,
/// which the caller saves anyway). Checkpoints sit on epoch boundaries, where the shuffling generator is between
/// permutations, so restoring parameters, optimiser state and generator state and passing
/// <see cref="TrainingOptions.StartStep"/> = StepsCompleted continues exactly as an uninterrupted run.</summary>
public sealed class Checkpointer(int everyEpochs, Action<CheckpointInfo> save) : ITrainingCallback
{
    public int EveryEpochs { get; } = everyEpochs >= 1 ? everyEpochs : throw new ArgumentOutOfRangeException(nameof(everyEpochs), everyEpochs, "Checkpoints need an interval of at least 1 epoch.");

    public void OnEpochEnd(TrainingContext context, EpochResult epoch)
    {
        int done = epoch.Epoch + 1;
        if (done % EveryEpochs == 0 && done < context.TotalEpochs && !context.StopRequested)
            save(new CheckpointInfo(context.Step + 1, done));
    }
}
