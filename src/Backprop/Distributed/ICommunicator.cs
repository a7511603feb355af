namespace Backprop.Distributed;

/// <summary>The collective operations of data-parallel training among <see cref="Size"/> processes ("ranks"), each
/// knowing its own <see cref="Rank"/> (0 … Size − 1). Every rank must call the same collectives in the same order with
/// spans of the same length; a call returns once every rank has made it. An MPI communicator
/// (<see cref="MpiCommunicator"/>) or a single process (<see cref="SingleProcess"/>, where every collective is a no-op).
/// The same interface can carry NCCL for several GPUs later.</summary>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's number, 0 … <see cref="Size"/> − 1; rank 0 writes files and prints.</summary>
    int Rank { get; }

    /// <summary>N, the number of processes training together.</summary>
    int Size { get; }

    /// <summary>x ← Σ over ranks of x, in place: afterwards every rank holds the same sum.</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>x ← Σ over ranks of x, in place: afterwards every rank holds the same sum.</summary>
    void AllReduceSum(Span<double> values);

    /// <summary>x ← x of rank <paramref name="root"/>, on every rank.</summary>
    void Broadcast(Span<float> values, int root = 0);

    /// <summary>x ← x of rank <paramref name="root"/>, on every rank.</summary>
    void Broadcast(Span<double> values, int root = 0);

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>Ends every rank of the job at once with <paramref name="exitCode"/>, for a failure on one rank that the others
    /// cannot see (they would otherwise wait in the next collective). Does not return when there is more than one rank.</summary>
    void Abort(int exitCode);
}
