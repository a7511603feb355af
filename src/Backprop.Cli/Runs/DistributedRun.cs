using Backprop.Cli.Output;
using Backprop.Distributed;

namespace Backprop.Cli.Runs;

/// <summary><c>--distributed</c>: the communicator a network run trains with, and the rule that only rank 0 speaks.
/// <c>mpirun -n N backprop train --distributed …</c> starts N copies; each loads the same data and builds the same model,
/// trains on its shard of every global batch (<c>--batch-size</c> stays the global batch), and only rank 0 prints, writes
/// the model, checkpoints and plots. A failure on one rank leaves its process without MPI_Finalize, so mpirun ends the
/// others instead of letting them wait in the next all-reduce.</summary>
public static class DistributedRun
{
    /// <summary>MPI's world for --distributed, else a single process. OpenMPI missing is a usage error (exit 2) in one line
    /// naming the library and the Debian package.</summary>
    public static ICommunicator Start(TrainSettings s, TextWriter stderr)
    {
        if (!s.Distributed) return DataParallel.Single;
        var world = World();
        if (world.Size == 1 && !MpiEnvironment.IsLaunched && s.Mode == OutputMode.Human)
            stderr.WriteLine("note: --distributed without mpirun trains on one rank; start it as mpirun -n N backprop train --distributed …");
        return world;
    }

    /// <summary><paramref name="resolve"/>(quiet) on rank 0 first, then on the others, when --data names a catalogued data
    /// set rather than a file or folder: rank 0 downloads it into the cache while the others wait at a barrier, and they
    /// then find it there (every rank downloading at once would write the same .part file). Elsewhere simply resolve.</summary>
    public static T RankZeroFirst<T>(TrainSettings s, Func<bool, T> resolve)
    {
        bool catalogued = s.DataPath is { } path && !File.Exists(path) && !Directory.Exists(path);
        if (!s.Distributed || !catalogued) return resolve(false);
        var world = World();
        if (world.Rank > 0) world.Barrier();
        var resolved = resolve(world.Rank > 0);
        if (world.Rank == 0 && world.Size > 1) world.Barrier();
        return resolved;
    }

    private static ICommunicator World()
    {
        try { return DataParallel.Mpi(); }
        catch (MpiUnavailableException e) { throw CliException.Usage($"--distributed: {e.Message}"); }
    }

    /// <summary>The settings and writers rank <paramref name="rank"/> runs with: its own on rank 0, silence elsewhere.</summary>
    public static (TrainSettings Settings, TextWriter Out, TextWriter Err) Speaker(int rank, TrainSettings s, TextWriter stdout, TextWriter stderr) =>
        rank == 0 ? (s, stdout, stderr) : (s with { Mode = OutputMode.Quiet }, TextWriter.Null, TextWriter.Null);

    /// <summary>MPI_Finalize after a run that returned on every rank (each waits there for the others).</summary>
    public static void Finish(ICommunicator communicator) => communicator.Dispose();
}
