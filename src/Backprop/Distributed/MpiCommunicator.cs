namespace Backprop.Distributed;

/// <summary>MPI_COMM_WORLD of the system's OpenMPI (<see cref="MpiLibrary"/>): every process started by
/// <c>mpirun -n N</c> is one rank. MPI can be started once per process, so there is one instance, <see cref="World"/>,
/// started on first use; <see cref="Dispose"/> shuts MPI down (MPI_Finalize) and must be called by every rank once its
/// collectives are over. Spans longer than 2³⁰ elements go to MPI in pieces (its counts are 32-bit).</summary>
public sealed class MpiCommunicator : ICommunicator
{
    private const int MaxCount = 1 << 30;
    private static readonly Lock Gate = new();
    private static MpiCommunicator? _world;
    private readonly MpiLibrary _mpi;
    private bool _disposed;

    private MpiCommunicator(MpiLibrary mpi)
    {
        _mpi = mpi;
        _mpi.Initialize();
        Rank = _mpi.Rank();
        Size = _mpi.Size();
    }

    /// <summary>The world communicator, starting MPI on first use. Throws <see cref="MpiUnavailableException"/> when the
    /// library is missing or is not OpenMPI, or when MPI was already shut down in this process.</summary>
    public static MpiCommunicator World
    {
        get
        {
            lock (Gate)
            {
                if (_world is { _disposed: true }) throw new MpiUnavailableException("MPI has been shut down (MPI_Finalize) in this process; it cannot be started again.");
                return _world ??= new MpiCommunicator(MpiLibrary.Load());
            }
        }
    }

    /// <summary>The MPI library that was loaded (libmpi.so.40 or libmpi.so).</summary>
    public string Library => _mpi.Path;

    public int Rank { get; }

    public int Size { get; }

    public void AllReduceSum(Span<float> values)
    {
        CheckOpen();
        for (int start = 0; start < values.Length; start += MaxCount) _mpi.AllReduceSum(values.Slice(start, Math.Min(MaxCount, values.Length - start)));
    }

    public void AllReduceSum(Span<double> values)
    {
        CheckOpen();
        for (int start = 0; start < values.Length; start += MaxCount) _mpi.AllReduceSum(values.Slice(start, Math.Min(MaxCount, values.Length - start)));
    }

    public void Broadcast(Span<float> values, int root = 0)
    {
        CheckOpen(root);
        for (int start = 0; start < values.Length; start += MaxCount) _mpi.Broadcast(values.Slice(start, Math.Min(MaxCount, values.Length - start)), root);
    }

    public void Broadcast(Span<double> values, int root = 0)
    {
        CheckOpen(root);
        for (int start = 0; start < values.Length; start += MaxCount) _mpi.Broadcast(values.Slice(start, Math.Min(MaxCount, values.Length - start)), root);
    }

    public void Barrier()
    {
        CheckOpen();
        _mpi.Barrier();
    }

    /// <summary>MPI_Abort on the world: mpirun ends every rank with <paramref name="exitCode"/>.</summary>
    public void Abort(int exitCode)
    {
        if (!_disposed) _mpi.Abort(exitCode);
    }

    /// <summary>MPI_Finalize, once. Every rank must reach it: it waits for the others.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_disposed) return;
            _disposed = true;
            _mpi.Shutdown();
        }
    }

    private void CheckOpen(int root = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"The root must be a rank, 0 … {Size - 1}.");
    }
}
