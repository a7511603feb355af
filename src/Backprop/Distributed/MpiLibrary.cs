using System.Runtime.InteropServices;

namespace Backprop.Distributed;

/// <summary>The system's OpenMPI library, bound at run time with no native shim: <see cref="NativeLibrary"/> loads
/// libmpi.so.40 (else libmpi.so), each function becomes a delegate (<see cref="Marshal.GetDelegateForFunctionPointer{T}"/>),
/// and each handle is what OpenMPI's mpi.h makes of it — the ADDRESS of an exported object (MPI_COMM_WORLD is
/// &amp;ompi_mpi_comm_world, MPI_FLOAT &amp;ompi_mpi_float, MPI_SUM &amp;ompi_mpi_op_sum) and MPI_IN_PLACE is (void*)1.
/// Buffers go to MPI as <c>ref</c> to their first element, which the marshaller pins for the call; nothing is unsafe.
/// MPICH (and Intel MPI) define their handles as integer constants instead; such a library is refused by name.</summary>
internal sealed class MpiLibrary
{
    /// <summary>The names tried, in order: OpenMPI 3/4/5's soname, then the development link (which may point elsewhere).</summary>
    public static readonly string[] Names = ["libmpi.so.40", "libmpi.so"];

    public const string Package = "openmpi-bin";

    /// <summary>The environment variable that names the library to load instead (an OpenMPI outside the loader's path,
    /// such as /opt/openmpi/lib/libmpi.so).</summary>
    public const string LibraryVariable = "BACKPROP_MPI_LIBRARY";

    /// <summary>MPI_THREAD_SERIALIZED: any thread may call MPI, one at a time (the trainer's thread need not be the first).</summary>
    private const int ThreadSerialized = 2;

    /// <summary>OpenMPI's MPI_IN_PLACE.</summary>
    private static readonly IntPtr InPlace = 1;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int InitThreadFn(IntPtr argc, IntPtr argv, int required, out int provided);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int FlagFn(out int flag);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int VoidFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CommIntFn(IntPtr comm, out int value);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CommFn(IntPtr comm);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CommCodeFn(IntPtr comm, int code);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CommHandleFn(IntPtr comm, IntPtr handle);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int AllReduceFloatFn(IntPtr send, ref float receive, int count, IntPtr type, IntPtr op, IntPtr comm);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int AllReduceDoubleFn(IntPtr send, ref double receive, int count, IntPtr type, IntPtr op, IntPtr comm);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int BroadcastFloatFn(ref float buffer, int count, IntPtr type, int root, IntPtr comm);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int BroadcastDoubleFn(ref double buffer, int count, IntPtr type, int root, IntPtr comm);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int ErrorStringFn(int code, [Out] byte[] text, out int length);

    private readonly InitThreadFn _initThread;
    private readonly FlagFn _initialized, _finalized;
    private readonly VoidFn _finalize;
    private readonly CommIntFn _rank, _size;
    private readonly CommFn _barrier;
    private readonly CommCodeFn _abort;
    private readonly CommHandleFn _setErrorHandler;
    private readonly AllReduceFloatFn _allReduceFloat;
    private readonly AllReduceDoubleFn _allReduceDouble;
    private readonly BroadcastFloatFn _broadcastFloat;
    private readonly BroadcastDoubleFn _broadcastDouble;
    private readonly ErrorStringFn _errorString;
    private readonly IntPtr _world, _float, _double, _sum, _errorsReturn;

    private MpiLibrary(IntPtr library, string path)
    {
        Path = path;
        if (!NativeLibrary.TryGetExport(library, "ompi_mpi_comm_world", out _world))
            throw new MpiUnavailableException($"The MPI library {path} is not OpenMPI (it has no ompi_mpi_comm_world): Backprop binds OpenMPI only (MPICH's handles are integer constants it does not map); install the Debian package {Package} and run with OpenMPI's mpirun.");
        _float = Export(library, "ompi_mpi_float");
        _double = Export(library, "ompi_mpi_double");
        _sum = Export(library, "ompi_mpi_op_sum");
        _errorsReturn = Export(library, "ompi_mpi_errors_return");
        _initThread = Function<InitThreadFn>(library, "MPI_Init_thread");
        _initialized = Function<FlagFn>(library, "MPI_Initialized");
        _finalized = Function<FlagFn>(library, "MPI_Finalized");
        _finalize = Function<VoidFn>(library, "MPI_Finalize");
        _rank = Function<CommIntFn>(library, "MPI_Comm_rank");
        _size = Function<CommIntFn>(library, "MPI_Comm_size");
        _barrier = Function<CommFn>(library, "MPI_Barrier");
        _abort = Function<CommCodeFn>(library, "MPI_Abort");
        _setErrorHandler = Function<CommHandleFn>(library, "MPI_Comm_set_errhandler");
        _allReduceFloat = Function<AllReduceFloatFn>(library, "MPI_Allreduce");
        _allReduceDouble = Function<AllReduceDoubleFn>(library, "MPI_Allreduce");
        _broadcastFloat = Function<BroadcastFloatFn>(library, "MPI_Bcast");
        _broadcastDouble = Function<BroadcastDoubleFn>(library, "MPI_Bcast");
        _errorString = Function<ErrorStringFn>(library, "MPI_Error_string");
    }

    /// <summary>The file that was loaded.</summary>
    public string Path { get; }

    /// <summary>Loads <see cref="LibraryVariable"/>'s file when set, else the first of <see cref="Names"/> that the dynamic loader finds, or fails with one sentence naming the
    /// libraries tried and the Debian package that provides them.</summary>
    public static MpiLibrary Load() =>
        Load(Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } path ? [path] : Names);

    /// <summary>The first of <paramref name="names"/> that loads (tests try libraries that are not MPI).</summary>
    internal static MpiLibrary Load(IReadOnlyList<string> names)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out var handle)) return new MpiLibrary(handle, name);
        throw new MpiUnavailableException(
            $"Distributed training needs the MPI library ({string.Join(" or ", names)}, OpenMPI), which was not found: install the Debian package {Package} (apt-get install {Package}) and start the program with mpirun.");
    }

    /// <summary>MPI_Init_thread (unless MPI is already running), then MPI_ERRORS_RETURN on the world, so that a failed call
    /// becomes an <see cref="MpiException"/> instead of killing the process without a word.</summary>
    public void Initialize()
    {
        Check(_finalized(out int finalized), "MPI_Finalized");
        if (finalized != 0) throw new MpiUnavailableException("MPI has been shut down (MPI_Finalize) in this process; it cannot be started again.");
        Check(_initialized(out int initialized), "MPI_Initialized");
        if (initialized == 0) Check(_initThread(IntPtr.Zero, IntPtr.Zero, ThreadSerialized, out _), "MPI_Init_thread");
        Check(_setErrorHandler(_world, _errorsReturn), "MPI_Comm_set_errhandler");
    }

    public int Rank() { Check(_rank(_world, out int rank), "MPI_Comm_rank"); return rank; }

    public int Size() { Check(_size(_world, out int size), "MPI_Comm_size"); return size; }

    public void AllReduceSum(Span<float> x) => Check(_allReduceFloat(InPlace, ref MemoryMarshal.GetReference(x), x.Length, _float, _sum, _world), "MPI_Allreduce");

    public void AllReduceSum(Span<double> x) => Check(_allReduceDouble(InPlace, ref MemoryMarshal.GetReference(x), x.Length, _double, _sum, _world), "MPI_Allreduce");

    public void Broadcast(Span<float> x, int root) => Check(_broadcastFloat(ref MemoryMarshal.GetReference(x), x.Length, _float, root, _world), "MPI_Bcast");

    public void Broadcast(Span<double> x, int root) => Check(_broadcastDouble(ref MemoryMarshal.GetReference(x), x.Length, _double, root, _world), "MPI_Bcast");

    public void Barrier() => Check(_barrier(_world), "MPI_Barrier");

    public void Abort(int code) => _abort(_world, code);

    public void Shutdown() => Check(_finalize(), "MPI_Finalize");

    private void Check(int code, string call)
    {
        if (code == 0) return;
        var text = new byte[512]; // MPI_MAX_ERROR_STRING is 256 in OpenMPI
        string detail = _errorString(code, text, out int length) == 0 ? System.Text.Encoding.ASCII.GetString(text, 0, Math.Clamp(length, 0, text.Length)) : "no description";
        throw new MpiException($"{call} failed with MPI error {code}: {detail}.");
    }

    private IntPtr Export(IntPtr library, string symbol) =>
        NativeLibrary.TryGetExport(library, symbol, out var address) ? address
            : throw new MpiUnavailableException($"The MPI library {Path} has no {symbol}: Backprop needs OpenMPI 3 or newer (Debian package {Package}).");

    private TDelegate Function<TDelegate>(IntPtr library, string symbol) where TDelegate : Delegate =>
        Marshal.GetDelegateForFunctionPointer<TDelegate>(Export(library, symbol));
}
