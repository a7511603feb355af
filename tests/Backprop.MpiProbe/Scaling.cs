using System.Diagnostics;
using System.Text.Json;
using Backprop.Course;
using Backprop.Data;
using Backprop.Distributed;
using Backprop.Initializers;
using Backprop.Kernels;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.MpiProbe;

/// <summary>Time per training step at N ranks: the MNIST MLP 784-512-256-10 (global batch 128, SGD α = 0.1, bench/compare's
/// mnist-mlp) or the course's L-layer cat model (full batch of 209, GD α = 0.0075), with the kernels on --threads threads.
/// The clock starts after <see cref="Warmup"/> steps (JIT, first buffers) and runs for --steps more; the all-reduce is
/// timed inside them by <see cref="TimedCommunicator"/>.</summary>
internal static class Scaling
{
    public const int Warmup = 5;

    public static void Run(string folder, ProbeOptions o, ICommunicator communicator)
    {
        Gemm.MaxThreads = o.Threads;
        var timed = new TimedCommunicator(communicator);
        var clock = new StepClock(Warmup, Warmup + o.Steps, timed);
        int batch;
        switch (o.Workload)
        {
            case "mnist-mlp":
            {
                var (train, _) = Mnist.Load<float>();
                var data = train.WithOneHotTargets(10);
                var model = Sequential<float>.FromLayerDims([784, 512, 256, 10], Activation.Relu, Activation.Softmax);
                model.Initialize(Initializer.He, new NumpyRandom(1));
                batch = 128;
                model.Fit(data.X, data.Y, Loss.SoftmaxCrossEntropy, new GradientDescent(0.1),
                    TrainingOptions.MiniBatch(1, batch, new NumpyRandom(2)) with { Communicator = timed, Callbacks = [clock] });
                break;
            }
            case "L-layer":
            {
                var (train, _) = CatVsNonCat.Load<float>();
                var model = CourseModels.LLayerCat<float>();
                batch = train.Count;
                model.Fit(train.X, train.Y, Loss.BinaryCrossEntropy, new GradientDescent(0.0075),
                    TrainingOptions.FullBatch(Warmup + o.Steps + 1, 1) with { Communicator = timed, Callbacks = [clock] });
                break;
            }
            default: throw new ArgumentException($"unknown workload '{o.Workload}'");
        }
        if (communicator.Rank != 0) return;
        int steps = o.Steps;
        var line = new Dictionary<string, object>
        {
            ["workload"] = o.Workload, ["ranks"] = communicator.Size, ["threads_per_rank"] = o.Threads, ["global_batch"] = batch,
            ["steps_timed"] = steps, ["seconds_per_step"] = clock.Elapsed.TotalSeconds / steps,
            ["allreduce_seconds_per_step"] = timed.AllReduceTime.TotalSeconds / steps,
            ["allreduce_calls_per_step"] = (double)timed.AllReduceCalls / steps,
            ["allreduce_bytes_per_step"] = (double)timed.AllReduceBytes / steps,
        };
        File.WriteAllText(Path.Combine(folder, $"scale-{o.Workload}-{communicator.Size}.json"), JsonSerializer.Serialize(line));
        Console.WriteLine(JsonSerializer.Serialize(line));
    }

    /// <summary>The all-reduce alone at the workloads' sizes (983,900 and 2,143,280 bytes of float32), --steps times each after
    /// a barrier (so no rank waits for another inside the timed call); rank 0 writes allreduce-N.json with the median.</summary>
    public static void AllReduceAlone(string folder, ProbeOptions o, ICommunicator communicator)
    {
        var line = new Dictionary<string, object> { ["ranks"] = communicator.Size };
        foreach (int bytes in new[] { 983_900, 2_143_280 })
        {
            var buffer = new float[bytes / sizeof(float)];
            var times = new List<double>();
            for (int i = 0; i < o.Steps + 2; i++)
            {
                communicator.Barrier();
                var clock = Stopwatch.StartNew();
                communicator.AllReduceSum(buffer.AsSpan());
                if (i >= 2) times.Add(clock.Elapsed.TotalSeconds);
            }
            times.Sort();
            line[$"median_seconds_{bytes}"] = times[times.Count / 2];
            line[$"gbytes_per_second_{bytes}"] = bytes / times[times.Count / 2] / 1e9;
        }
        if (communicator.Rank != 0) return;
        File.WriteAllText(Path.Combine(folder, $"allreduce-{communicator.Size}.json"), JsonSerializer.Serialize(line));
        Console.WriteLine(JsonSerializer.Serialize(line));
    }

    /// <summary>Starts the clock (and zeroes the all-reduce counters) at the end of step <paramref name="from"/> − 1 and
    /// stops it, ending training, at the end of step <paramref name="to"/> − 1. Every rank stops at the same step.</summary>
    private sealed class StepClock(int from, int to, TimedCommunicator timed) : ITrainingCallback
    {
        private readonly Stopwatch _clock = new();
        public TimeSpan Elapsed => _clock.Elapsed;

        public void OnStepEnd(TrainingContext context, StepResult step)
        {
            if (step.Step == from - 1) { timed.Reset(); _clock.Restart(); }
            if (step.Step != to - 1) return;
            _clock.Stop();
            context.Stop("measured");
        }
    }
}
