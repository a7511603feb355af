namespace Backprop.Training.Callbacks;

/// <summary>Stops when the validation cost has not improved by at least <paramref name="minDelta"/> for
/// <paramref name="patience"/> epochs, and puts back the parameters of the best epoch — stopping before overfitting.</summary>
public sealed class EarlyStopping(int patience, double minDelta = 0, bool restoreBest = true) : ITrainingCallback
{
    private object? _best;
    private int _epochsWithoutImprovement;

    public int Patience { get; } = patience >= 1 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be ≥ 1 epoch.");

    /// <summary>The best validation cost seen, and its epoch.</summary>
    public double BestCost { get; private set; } = double.PositiveInfinity;
    public int BestEpoch { get; private set; } = -1;

    /// <summary>The number of epochs since the best one.</summary>
    public int EpochsWithoutImprovement => _epochsWithoutImprovement;

    /// <summary>The snapshot of the best epoch's parameters (from <see cref="TrainingContext.CaptureParameters"/>), or null.</summary>
    public object? BestParameters => _best;

    /// <summary>What a checkpoint must hold for a resumed run to stop, and restore, exactly as an uninterrupted one.</summary>
    public EarlyStoppingState State => new(BestCost, BestEpoch, _epochsWithoutImprovement);

    /// <summary>Continues from a checkpoint: the counters of <paramref name="state"/> and the best parameters as a snapshot
    /// taken with <see cref="TrainingContext.CaptureParameters"/> (null when there was no best epoch yet).</summary>
    public void Resume(EarlyStoppingState state, object? bestParameters)
    {
        (BestCost, BestEpoch, _epochsWithoutImprovement) = (state.BestCost, state.BestEpoch, state.EpochsWithoutImprovement);
        _best = bestParameters;
    }

    public void OnEpochEnd(TrainingContext context, EpochResult epoch)
    {
        double cost = epoch.ValidationCost ?? epoch.Cost;
        if (cost < BestCost - minDelta)
        {
            BestCost = cost;
            BestEpoch = epoch.Epoch;
            _epochsWithoutImprovement = 0;
            if (restoreBest)
            {
                if (_best is null) _best = context.CaptureParameters();
                else context.CaptureParametersInto(_best);
            }
            return;
        }
        if (++_epochsWithoutImprovement >= Patience)
            context.Stop($"early stopping: no improvement for {Patience} epochs; best validation cost {BestCost:G6} at epoch {BestEpoch + 1}");
    }

    public void OnTrainingEnd(TrainingContext context)
    {
        if (restoreBest && _best is not null && BestEpoch >= 0) context.RestoreParameters(_best);
    }
}
