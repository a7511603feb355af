namespace Backprop.Training;

/// <summary>How a training run ended: it ran every epoch, a callback stopped it (early stopping), the cost became
/// NaN or ±∞ (the last finite parameters were restored), or it was cancelled (Ctrl-C). Callers branch on this, never on
/// the wording of <see cref="TrainingHistory.StopReason"/>.</summary>
public enum StopKind
{
    /// <summary>Every epoch (or iteration) ran.</summary>
    Completed,
    /// <summary>A callback asked to stop because training had done its job (early stopping, a custom rule).</summary>
    Stopped,
    /// <summary>The cost became non-finite; the parameters are the last ones that gave a finite cost.</summary>
    Diverged,
    /// <summary>The cancellation token fired; training stopped after the current step.</summary>
    Cancelled,
}
