namespace Backprop.Training;

/// <summary>What a training run leaves behind: the recorded costs (step, J), each epoch's costs, and why it stopped.</summary>
public sealed class TrainingHistory
{
    public List<(int Step, double Cost)> Costs { get; } = [];
    public List<EpochResult> Epochs { get; } = [];

    /// <summary>Null when training ran to the end; otherwise the reason (early stopping, non-finite cost, cancelled).</summary>
    public string? StopReason { get; internal set; }

    /// <summary>How the run ended; branch on this, not on <see cref="StopReason"/>'s wording.</summary>
    public StopKind StopKind { get; internal set; }

    /// <summary>Steps completed (including any done before a resume).</summary>
    public int StepsCompleted { get; internal set; }

    public TimeSpan Elapsed { get; internal set; }
}
