using Backprop.Training;

namespace Backprop.Cli.Runs;

/// <summary>How a run ended, typed: <see cref="RunEnd.Done"/> (every epoch), <see cref="RunEnd.Stopped"/> (early
/// stopping), <see cref="RunEnd.Diverged"/> (the cost became NaN or ±∞: exit code 1, --out untouched) or
/// <see cref="RunEnd.Interrupted"/> (Ctrl-C: the model so far is kept). <see cref="Reason"/> is for people only.</summary>
public sealed record RunOutcome(RunEnd End, string? Reason)
{
    /// <summary>The outcome of a finished <see cref="Trainer"/> run.</summary>
    public static RunOutcome Of(TrainingHistory history) => new(history.StopKind switch
    {
        StopKind.Completed => RunEnd.Done,
        StopKind.Stopped => RunEnd.Stopped,
        StopKind.Diverged => RunEnd.Diverged,
        StopKind.Cancelled => RunEnd.Interrupted,
        _ => throw new ArgumentOutOfRangeException(nameof(history), history.StopKind, "unknown way for training to end"),
    }, history.StopReason);

    /// <summary>0, except 1 for a diverged run.</summary>
    public int ExitCode => End == RunEnd.Diverged ? 1 : 0;
}

/// <summary>The four ways a run ends.</summary>
public enum RunEnd { Done, Stopped, Diverged, Interrupted }
