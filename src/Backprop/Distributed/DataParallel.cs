namespace Backprop.Distributed;

/// <summary>The communicators training can be given (<c>TrainingOptions.Communicator</c>): <see cref="Mpi"/> for processes
/// started by <c>mpirun -n N</c>, <see cref="Single"/> for one process, or <see cref="Auto"/> to choose by how the process
/// was started.</summary>
public static class DataParallel
{
    /// <summary>MPI_COMM_WORLD (<see cref="MpiCommunicator.World"/>); throws <see cref="MpiUnavailableException"/>, naming the
    /// library and the Debian package openmpi-bin, when OpenMPI is not installed.</summary>
    public static ICommunicator Mpi() => MpiCommunicator.World;

    /// <summary>One process: every collective is a no-op.</summary>
    public static ICommunicator Single => SingleProcess.Instance;

    /// <summary><see cref="Mpi"/> when an MPI launcher started this process (<see cref="MpiEnvironment.IsLaunched"/>),
    /// else <see cref="Single"/>, so the same program runs alone or under mpirun.</summary>
    public static ICommunicator Auto() => MpiEnvironment.IsLaunched ? Mpi() : Single;
}
