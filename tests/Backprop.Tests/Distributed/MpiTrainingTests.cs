using System.Text.Json;

namespace Backprop.Tests.Distributed;

/// <summary>Data-parallel training on the system's OpenMPI: tests/Backprop.MpiProbe under <c>mpirun -n 2</c> trains the
/// planar MLP (400 points, batches of 64, 20 epochs of Adam, rank r starting from its own seed) distributed, and rank 0
/// alone on the same global batches. Skipped without mpirun, failed under CI=1 (see <see cref="MpiRun"/>).</summary>
public class MpiTrainingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>The float32 tolerance. Measured max |θ_2 − θ_1| after the 140 steps (|θ| up to 1.58, AMD EPYC, 2 cores):
    /// 3.9e-7 with AVX-512, 5.1e-7 with AVX2 — a few float32 ulps of θ, from summing two half-batch gradients instead of one
    /// whole-batch sum. 1e-5 leaves a factor of 20 for other CPUs, while a lost or doubled shard moves θ by more than 1e-3.</summary>
    private const double Float32Tolerance = 1e-5;

    [SkippableTheory]
    [InlineData("float64", 1e-12)]
    [InlineData("float32", Float32Tolerance)]
    public void Two_MPI_ranks_train_as_one_process_and_end_with_bit_identical_parameters(string type, double tolerance)
    {
        MpiRun.RequireLauncher();
        var folder = Directory.CreateTempSubdirectory("bp-mpi-").FullName;
        try
        {
            var (code, output, timedOut, _) = MpiRun.Probe(2, Timeout, "equal", folder, "--type", type);
            Assert.False(timedOut, $"mpirun did not finish within {Timeout.TotalSeconds} s:\n{output}");
            Assert.True(code == 0, $"mpirun exited with {code}:\n{output}");
            var single = Read(folder, "single.json");
            var ranks = new[] { Read(folder, "rank0.json"), Read(folder, "rank1.json") };
            Assert.All(ranks, r => Assert.Equal(2, r.Size));
            Assert.Equal(ranks[0].Parameters, ranks[1].Parameters);   // bit for bit: every rank applies the same update
            Assert.Equal(ranks[0].Validation, ranks[1].Validation);   // validation agrees without communication
            Assert.Equal(ranks[0].Costs, ranks[1].Costs);             // the all-reduced global cost
            double difference = ranks[0].Parameters.Zip(single.Parameters, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(difference <= tolerance, $"{type}: max |θ_2 − θ_1| = {difference:E3} > {tolerance:E1}");
            for (int i = 0; i < single.Costs.Length; i++) Assert.Equal(single.Costs[i], ranks[0].Costs[i], tolerance * 10);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [SkippableFact]
    public void A_rank_that_dies_mid_training_ends_the_job_with_a_message_instead_of_hanging()
    {
        MpiRun.RequireLauncher();
        var folder = Directory.CreateTempSubdirectory("bp-mpi-die-").FullName;
        try
        {
            var (code, output, timedOut, elapsed) = MpiRun.Probe(2, Timeout, "die", folder, "--die-at", "10");
            Assert.False(timedOut, $"the surviving rank hung: mpirun was still running after {Timeout.TotalSeconds} s:\n{output}");
            Assert.NotEqual(0, code);
            Assert.Contains("rank 1 exits at step 10 on purpose", output);
            Assert.Contains("exit", output, StringComparison.OrdinalIgnoreCase); // mpirun names the rank that exited
            Assert.False(File.Exists(Path.Combine(folder, "rank0.json")), "rank 0 finished training although rank 1 died at step 10");
            Assert.True(elapsed < Timeout, $"took {elapsed}");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static Result Read(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        Assert.True(File.Exists(path), $"the probe wrote no {name}");
        return JsonSerializer.Deserialize<Result>(File.ReadAllText(path))!;
    }

    private sealed record Result(int Rank, int Size, string Type, double[] Parameters, double[] Costs, double[] Validation);
}
