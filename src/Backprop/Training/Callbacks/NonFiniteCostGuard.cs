namespace Backprop.Training.Callbacks;

/// <summary>Stops training when the cost becomes NaN or ±∞ (usually a learning rate that is too large) and restores
/// the parameters that produced the last finite cost. The trainer always installs it first.</summary>
public sealed class NonFiniteCostGuard : ITrainingCallback
{
    private object? _lastGood;

    public void OnCost(TrainingContext context, StepResult step)
    {
        if (double.IsFinite(step.Cost))
        {
            if (_lastGood is null) _lastGood = context.CaptureParameters();
            else context.CaptureParametersInto(_lastGood);
            return;
        }
        if (_lastGood is not null) context.RestoreParameters(_lastGood);
        context.Stop(StopKind.Diverged, $"the cost became {step.Cost} at step {step.Step}; training stopped and kept the last parameters with a finite cost. Try a smaller learning rate.");
    }
}
