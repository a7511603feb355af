namespace Backprop.Training;

/// <summary>What callbacks see of a running training: position, totals, elapsed time, a way to stop,
/// and snapshots of the parameters (for early stopping and the non-finite guard).</summary>
public sealed class TrainingContext
{
    private readonly Func<object> _capture;
    private readonly Action<object> _restore;
    private readonly Action<object> _captureInto;

    internal TrainingContext(int totalSteps, int stepsPerEpoch, int totalEpochs, Func<object> capture, Action<object> restore, Action<object> captureInto,
        int rank = 0, int ranks = 1)
    {
        (Rank, Ranks) = (rank, ranks);
        _captureInto = captureInto;
        TotalSteps = totalSteps;
        StepsPerEpoch = stepsPerEpoch;
        TotalEpochs = totalEpochs;
        _capture = capture;
        _restore = restore;
    }

    public int TotalSteps { get; }

    /// <summary>This process's rank in data-parallel training (0 alone); only rank 0 should write files.</summary>
    public int Rank { get; }

    /// <summary>N, the processes training together (1 alone).</summary>
    public int Ranks { get; }
    public int StepsPerEpoch { get; }
    public int TotalEpochs { get; }
    public int Step { get; internal set; }
    public int Epoch { get; internal set; }
    public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Set by <see cref="Stop(string)"/>: why training ended early, in words for people.</summary>
    public string? StopReason { get; private set; }

    /// <summary>How training ended early (<see cref="StopKind.Completed"/> while it runs on).</summary>
    public StopKind StopKind { get; private set; }

    public bool StopRequested => StopReason is not null;

    /// <summary>Asks the trainer to stop after the current event because its job is done (the first request wins).</summary>
    public void Stop(string reason) => Stop(StopKind.Stopped, reason);

    /// <summary>Asks the trainer to stop after the current event, saying how it ended (the first request wins).</summary>
    public void Stop(StopKind kind, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (kind == StopKind.Completed) throw new ArgumentException("A stop request needs a kind other than Completed.", nameof(kind));
        if (StopReason is not null) return;
        StopReason = reason;
        StopKind = kind;
    }

    /// <summary>A copy of every parameter value, to hand back to <see cref="RestoreParameters"/>.</summary>
    public object CaptureParameters() => _capture();

    /// <summary>Overwrites a snapshot from <see cref="CaptureParameters"/> with the current values (no allocation).</summary>
    public void CaptureParametersInto(object snapshot) => _captureInto(snapshot);

    /// <summary>Puts back values from <see cref="CaptureParameters"/>.</summary>
    public void RestoreParameters(object snapshot) => _restore(snapshot);
}
