using System.Globalization;

namespace Backprop.Distributed;

/// <summary>What the launcher told this process, read from the environment: OpenMPI's <c>mpirun</c> sets
/// OMPI_COMM_WORLD_SIZE and OMPI_COMM_WORLD_RANK; MPICH's Hydra, Intel MPI and Slurm's PMI set PMI_SIZE and PMI_RANK.
/// Reading them needs no MPI library, so a program can decide whether to start one.</summary>
public static class MpiEnvironment
{
    private static readonly string[] SizeVariables = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE"];
    private static readonly string[] RankVariables = ["OMPI_COMM_WORLD_RANK", "PMI_RANK"];

    /// <summary>N from the launcher's variables, or null when no MPI launcher started this process.</summary>
    public static int? LaunchedSize => Read(SizeVariables);

    /// <summary>This process's rank from the launcher's variables, or null when no MPI launcher started it.</summary>
    public static int? LaunchedRank => Read(RankVariables);

    /// <summary>True when an MPI launcher (mpirun, mpiexec, srun) started this process.</summary>
    public static bool IsLaunched => LaunchedSize is not null;

    /// <summary>The first of <paramref name="names"/> that holds a whole number ≥ 0.</summary>
    internal static int? Read(IEnumerable<string> names, Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        foreach (var name in names)
            if (int.TryParse(lookup(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value)) return value;
        return null;
    }
}
