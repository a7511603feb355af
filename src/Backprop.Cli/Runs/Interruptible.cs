namespace Backprop.Cli.Runs;

/// <summary>Runs training with Ctrl-C turned into a cancellation: the trainer stops after the current step and the run
/// keeps the model so far (<see cref="RunEnd.Interrupted"/>), instead of the process dying mid-write.</summary>
public static class Interruptible
{
    public static T Run<T>(Func<CancellationToken, T> train)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try { return train(cancel.Token); }
        finally { Console.CancelKeyPress -= onCancel; }
    }
}
