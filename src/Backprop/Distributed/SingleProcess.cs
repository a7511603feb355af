namespace Backprop.Distributed;

/// <summary>One process alone (rank 0 of 1): a sum over one rank is the values themselves and a broadcast from rank 0 leaves
/// them as they are, so every collective is a no-op. The default communicator of training.</summary>
public sealed class SingleProcess : ICommunicator
{
    /// <summary>The one instance (it holds no state).</summary>
    public static SingleProcess Instance { get; } = new();

    private SingleProcess() { }

    public int Rank => 0;

    public int Size => 1;

    public void AllReduceSum(Span<float> values) { }

    public void AllReduceSum(Span<double> values) { }

    public void Broadcast(Span<float> values, int root = 0) => CheckRoot(root);

    public void Broadcast(Span<double> values, int root = 0) => CheckRoot(root);

    public void Barrier() { }

    /// <summary>Nothing to end but this process, which the library never exits: the caller decides.</summary>
    public void Abort(int exitCode) { }

    public void Dispose() { }

    private static void CheckRoot(int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "A single process has only rank 0.");
    }
}
