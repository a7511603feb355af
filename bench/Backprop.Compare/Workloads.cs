using System.Diagnostics;
using System.Numerics;
using Backprop.Course;
using Backprop.Data;
using Backprop.Initializers;
using Backprop.Ops.Activations;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Compare;

/// <summary>The workloads of bench/compare, each timed in-process around the work only (data loading, model building,
/// JIT of the loading code and process start-up are outside the clock; the JIT of the training loop itself is inside,
/// as a user sees it). bench/peers/*.py implement the same workloads with the same hyperparameters.</summary>
internal static class Workloads
{
    public const int CourseIterations = 2500;

    public static readonly string[] Names = ["logistic", "2-layer", "L-layer", "mnist-mlp", "infer-b1", "infer-b256", "char-lstm", "char-gpt", .. ConvWorkloads.Names];

    public static ResultLine Run<T>(CommandLine options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var line = new ResultLine(options.Target!, typeof(T) == typeof(float) ? "float32" : "float64", options.Threads);
        return options.Target switch
        {
            "logistic" => Course<T>(line, CourseModels.LogisticRegression<T>(12288), 0.005, options.DataRoot),
            "2-layer" => Course<T>(line, CourseModels.TwoLayerCat<T>(), 0.0075, options.DataRoot),
            "L-layer" => Course<T>(line, CourseModels.LLayerCat<T>(), 0.0075, options.DataRoot),
            "mnist-mlp" => MnistEpoch<T>(line, options.DataRoot),
            "infer-b1" => Inference<T>(line, 1, options.DataRoot),
            "infer-b256" => Inference<T>(line, 256, options.DataRoot),
            "lenet-mnist" or "signs-convnet" or "cli-image" => ConvWorkloads.Run<T>(line, options.Target!, options.DataRoot),
            "char-lstm" => RecurrentWorkloads.CharLstmEpoch<T>(line),
            "char-gpt" => TransformerWorkloads.CharGptEpoch<T>(line),
            _ => throw new UsageException($"unknown workload '{options.Target}'"),
        };
    }

    /// <summary>The course's full-batch gradient descent on the 209 training cats, 2500 iterations: the loop of
    /// <see cref="CourseRun.Train{T}"/> (FullBatch(iterations, 100), binary cross-entropy, plain GD) with an allocation probe
    /// subscribed. cost = J at the last iteration (before its update); accuracy = training accuracy.</summary>
    private static ResultLine Course<T>(ResultLine line, Sequential<T> model, double learningRate, string? dataRoot)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (train, _) = CatVsNonCat.Load<T>(dataRoot);
        var probe = new AllocationProbe(500, 1500);
        var options = TrainingOptions.FullBatch(CourseIterations, 100) with { Callbacks = [probe] };
        var optimizer = new GradientDescent(learningRate);

        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        var history = model.Fit(train.X, train.Y, Loss.BinaryCrossEntropy, optimizer, options);
        clock.Stop();
        cpu = CpuTime() - cpu;

        line.Set("seconds", clock.Elapsed.TotalSeconds)
            .Set("cpu_seconds", cpu.TotalSeconds)
            .Set("cost", history.Costs[^1].Cost)
            .Set("accuracy", CourseRun.Accuracy(model, train.X, train.Y))
            .Set("steps", history.StepsCompleted);
        probe.Report(line);
        return line.Set("alloc_bare_step_bytes", BareStepAllocation(model, train.X, train.Y, Loss.BinaryCrossEntropy, optimizer));
    }

    /// <summary>One epoch of the MLP 784-512-256-10 (ReLU, softmax) on the 60000 MNIST training digits: batches of 128
    /// shuffled by NumPy's permutation (seed 2), plain SGD with α = 0.1, He initialisation (seed 1).
    /// cost = the epoch's mean training cost; accuracy = test accuracy after the epoch.</summary>
    private static ResultLine MnistEpoch<T>(ResultLine line, string? dataRoot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (trainSet, testSet) = Mnist.Load<T>(dataRoot is null ? null : Path.Combine(dataRoot, Mnist.Folder));
        var train = trainSet.WithOneHotTargets(10);
        var model = Sequential<T>.FromLayerDims([784, 512, 256, 10], Activation.Relu, Activation.Softmax);
        model.Initialize(Initializer.He, new NumpyRandom(1));
        var probe = new AllocationProbe(100, 400);
        var options = TrainingOptions.MiniBatch(1, 128, new NumpyRandom(2)) with { Callbacks = [probe] };
        var optimizer = new GradientDescent(0.1);

        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        var history = model.Fit(train.X, train.Y, Loss.SoftmaxCrossEntropy, optimizer, options);
        clock.Stop();
        cpu = CpuTime() - cpu;

        var predicted = model.Forward(testSet.X).ArgMax(1);
        var labels = testSet.Labels();
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) correct++;
        line.Set("seconds", clock.Elapsed.TotalSeconds)
            .Set("cpu_seconds", cpu.TotalSeconds)
            .Set("cost", history.Epochs[^1].Cost)
            .Set("accuracy", (double)correct / labels.Length)
            .Set("steps", history.StepsCompleted);
        probe.Report(line);
        var batch = train.X.Rows(0, 128);
        return line.Set("alloc_bare_step_bytes", BareStepAllocation(model, batch, train.Y.Rows(0, 128), Loss.SoftmaxCrossEntropy, optimizer));
    }

    /// <summary>Predictions per second of the course's L-layer cat model (initial weights, seed 1) on batches of
    /// <paramref name="batch"/> training images (rows cycled past 209), forward propagation only, repeated for ≥ 1 s
    /// after 10 warm-up batches. seconds = the timed loop; rate = predictions / second.</summary>
    private static ResultLine Inference<T>(ResultLine line, int batch, string? dataRoot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (train, _) = CatVsNonCat.Load<T>(dataRoot);
        var rows = Enumerable.Range(0, batch).Select(i => i % train.Count).ToArray();
        var x = train.X.GatherRows(rows);
        var model = CourseModels.LLayerCat<T>();
        for (int i = 0; i < 10; i++) model.Forward(x);

        long thread0 = GC.GetAllocatedBytesForCurrentThread();
        int calls = 0;
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        do { model.Forward(x); calls++; } while (clock.ElapsedTicks < Stopwatch.Frequency);
        clock.Stop();
        cpu = CpuTime() - cpu;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - thread0;

        var a = model.Forward(x).AsReadOnlySpan();
        double mean = 0;
        foreach (var v in a) mean += double.CreateChecked(v);
        return line.Set("seconds", clock.Elapsed.TotalSeconds)
            .Set("cpu_seconds", cpu.TotalSeconds)
            .Set("batch", batch)
            .Set("calls", calls)
            .Set("rate", (double)calls * batch / clock.Elapsed.TotalSeconds)
            .Set("cost", null)
            .Set("accuracy", null)
            .Set("mean_output", mean / a.Length)
            .Set("alloc_bytes_per_call", (double)allocated / calls);
    }

    /// <summary>CPU time of the whole process so far (all threads: the loop, GEMM workers, JIT, GC), to read beside the wall
    /// time when the machine is shared.</summary>
    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Bytes allocated on this thread by one bare step (forward, cost, backward, update, no trainer around it),
    /// averaged over 20 steps after 3 warm-up steps. Runs after the timed training, so it changes no reported number.</summary>
    private static double BareStepAllocation<T>(Sequential<T> model, Tensor<T> x, Tensor<T> y, ILoss loss, IOptimizer optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int warmup = 3, steps = 20;
        long start = 0;
        for (int i = 0; i < warmup + steps; i++)
        {
            if (i == warmup) start = GC.GetAllocatedBytesForCurrentThread();
            model.ZeroGrad();
            Backprop.Autograd.Graph.BeginStep();
            Backprop.Autograd.Graph.Backward(loss.Compute(model.Forward(x), y));
            optimizer.Step(model.Parameters);
        }
        return (double)(GC.GetAllocatedBytesForCurrentThread() - start) / steps;
    }
}
