namespace Backprop.Training.Callbacks;

/// <summary>Where training is: step and epoch of the totals, the latest cost, elapsed time and an estimate of the time left
/// (elapsed × remaining steps / steps done).</summary>
public readonly record struct TrainingProgress(int Step, int TotalSteps, int Epoch, int TotalEpochs, double Cost,
    double? ValidationCost, TimeSpan Elapsed, TimeSpan Remaining);

/// <summary>Reports <see cref="TrainingProgress"/> through <see cref="IProgress{T}"/> at most every <paramref name="minimumInterval"/>
/// (and at every epoch end), so a progress bar can draw it without slowing training.</summary>
public sealed class ProgressReporter(IProgress<TrainingProgress> progress, TimeSpan? minimumInterval = null) : ITrainingCallback
{
    private readonly TimeSpan _interval = minimumInterval ?? TimeSpan.FromMilliseconds(100);
    private TimeSpan _lastReport = TimeSpan.FromDays(-1); // so the first step reports
    private double? _validationCost;
    private int _startStep = -1;

    public void OnStepEnd(TrainingContext context, StepResult step)
    {
        if (_startStep < 0) _startStep = step.Step;
        var now = context.Clock.Elapsed;
        if (now - _lastReport < _interval && step.Step != context.TotalSteps - 1) return;
        Report(context, step.Step + 1, step.Epoch, step.Cost);
    }

    public void OnEpochEnd(TrainingContext context, EpochResult epoch)
    {
        _validationCost = epoch.ValidationCost;
        if (context.Clock.Elapsed - _lastReport < _interval && epoch.Epoch != context.TotalEpochs - 1) return;
        Report(context, context.Step + 1, epoch.Epoch, epoch.Cost);
    }

    private void Report(TrainingContext context, int done, int epoch, double cost)
    {
        var elapsed = context.Clock.Elapsed;
        _lastReport = elapsed;
        int doneHere = Math.Max(1, done - Math.Max(_startStep, 0));
        var remaining = TimeSpan.FromTicks((long)(elapsed.Ticks * (double)(context.TotalSteps - done) / doneHere));
        progress.Report(new TrainingProgress(done, context.TotalSteps, epoch + 1, context.TotalEpochs, cost, _validationCost, elapsed, remaining));
    }
}
