using System.Numerics;
using System.Text.Json;
using Backprop.Data;
using Backprop.Distributed;
using Backprop.Initializers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.MpiProbe;

/// <summary>The probe's modes. <b>equal</b>: every rank trains the planar MLP data-parallel (rank r starts from seed
/// r + 1, so only the broadcast of rank 0's parameters can make them agree) and writes rank{r}.json; rank 0 then trains
/// the same model alone on the same global batches and writes single.json. <b>die</b>: the same, but rank 1 exits with
/// code 3 at step --die-at, as a crashed node would. <b>scale</b>: times --steps steps of a workload (mnist-mlp, L-layer)
/// on --threads kernel threads per rank, and the all-reduce inside them; rank 0 writes scale-WORKLOAD-N.json.
/// <b>allreduce</b>: the all-reduce alone, after a barrier, at the two workloads' sizes.</summary>
internal static class Probe
{
    public const int Epochs = 20, BatchSize = 64;

    public static int Run(string mode, string folder, ProbeOptions o, ICommunicator communicator)
    {
        Directory.CreateDirectory(folder);
        switch (mode)
        {
            case "equal" or "die":
                if (o.Type == "float32") Equal<float>(folder, communicator, mode == "die" ? o.DieAt : -1);
                else Equal<double>(folder, communicator, mode == "die" ? o.DieAt : -1);
                return 0;
            case "scale":
                Scaling.Run(folder, o, communicator);
                return 0;
            case "allreduce":
                Scaling.AllReduceAlone(folder, o, communicator);
                return 0;
            default:
                throw new ArgumentException($"unknown mode '{mode}'");
        }
    }

    private static void Equal<T>(string folder, ICommunicator communicator, int dieAt) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = Planar.Generate<T>();
        var distributed = Train(data, (uint)communicator.Rank + 1, communicator, dieAt);
        Write(Path.Combine(folder, $"rank{communicator.Rank}.json"), distributed);
        if (communicator.Rank == 0) Write(Path.Combine(folder, "single.json"), Train(data, 1, SingleProcess.Instance, -1));
    }

    private static Result Train<T>(Dataset<T> data, uint seed, ICommunicator communicator, int dieAt) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = Sequential<T>.FromLayerDims([2, 16, 8, 1], Activation.Tanh, Activation.Sigmoid);
        model.Initialize(Initializer.Xavier, new NumpyRandom(seed));
        var options = TrainingOptions.MiniBatch(Epochs, BatchSize, new NumpyRandom(2)) with
        {
            Communicator = communicator,
            Callbacks = dieAt >= 0 && communicator.Rank == 1 ? [new DieAt(dieAt)] : [],
        };
        var history = model.Fit(data.X, data.Y, Loss.BinaryCrossEntropy, new Adam(0.01), options, data.X, data.Y);
        return new Result(communicator.Rank, communicator.Size, typeof(T).Name,
            model.Parameters.SelectMany(p => p.Value.ToArray()).Select(v => double.CreateChecked(v)).ToArray(),
            history.Costs.Select(c => c.Cost).ToArray(),
            history.Epochs.Select(e => e.ValidationCost ?? double.NaN).ToArray());
    }

    private static void Write(string path, Result result) => File.WriteAllText(path, JsonSerializer.Serialize(result));

    /// <summary>What a rank writes: its final parameters, recorded costs and validation costs.</summary>
    internal sealed record Result(int Rank, int Size, string Type, double[] Parameters, double[] Costs, double[] Validation);

    /// <summary>Ends this process at a step without a word to MPI, as a crashed rank would.</summary>
    private sealed class DieAt(int step) : ITrainingCallback
    {
        public void OnStepEnd(TrainingContext context, StepResult result)
        {
            if (result.Step != step) return;
            Console.Error.WriteLine($"probe: rank {context.Rank} exits at step {step} on purpose (a rank that dies)");
            Console.Error.Flush();
            Environment.Exit(3);
        }
    }
}
