using System.Diagnostics;
using System.Numerics;
using Backprop.Course;
using Backprop.Data;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Compare;

/// <summary>Where a steady-state step's time goes: each layer's forward and backward, the cost, the update, and each
/// GEMM of the step alone (with its GFLOP/s), as medians over repeated calls after warm-up. Not part of the comparison
/// table; `Backprop.Compare profile &lt;workload&gt; &lt;dtype&gt; &lt;threads&gt;` prints it for the analysis in docs/benchmarks.md.</summary>
internal static class StepProfile
{
    public static void Print<T>(CommandLine options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (model, x, y, loss) = Setup<T>(options.Target!, options.DataRoot);
        var optimizer = new GradientDescent(0.01);
        int repeats = x.Dim(0) >= 200 ? 60 : 300;
        Console.WriteLine($"{options.Target} {typeof(T).Name} {options.Threads} thread(s), batch {x.Dim(0)}: medians of {repeats} steps, in µs");
        for (int i = 0; i < 20; i++) Step(model, x, y, loss, optimizer);

        var layers = model.Layers;
        var forward = new List<double>[layers.Count];
        for (int l = 0; l < layers.Count; l++) forward[l] = [];
        var whole = new List<double>();
        var cost = new List<double>();
        var back = new List<double>();
        var update = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var a = x;
            for (int l = 0; l < layers.Count; l++)
            {
                long t = Stopwatch.GetTimestamp();
                a = layers[l].Forward(a);
                forward[l].Add(Micro(t));
            }
            long t1 = Stopwatch.GetTimestamp();
            model.ZeroGrad();
            Backprop.Autograd.Graph.BeginStep();
            var output = model.Forward(x); // again through the model, recorded on the graph
            whole.Add(Micro(t1));
            long t2 = Stopwatch.GetTimestamp();
            var j = loss.Compute(output, y);
            cost.Add(Micro(t2));
            long t3 = Stopwatch.GetTimestamp();
            Backprop.Autograd.Graph.Backward(j);
            back.Add(Micro(t3));
            long t4 = Stopwatch.GetTimestamp();
            optimizer.Step(model.Parameters);
            update.Add(Micro(t4));
        }
        for (int l = 0; l < layers.Count; l++)
            Console.WriteLine($"  layer {l + 1} {layers[l]}: forward {Median(forward[l]):F1}");
        Console.WriteLine($"  forward {Median(whole):F1} + cost {Median(cost):F1} + backward {Median(back):F1} + update {Median(update):F1}" +
                          $" = step {Median(whole) + Median(cost) + Median(back) + Median(update):F1}");

        Console.WriteLine("  GEMMs of one step (op(A) m×k · op(B) k×n):");
        int m = x.Dim(0);
        for (int l = 0; l < layers.Count; l++)
        {
            var dense = (Dense<T>)layers[l];
            int nIn = dense.InputSize, nOut = dense.OutputSize;
            Gemm<T>($"layer {l + 1} forward Z = A·Wᵀ", m, nOut, nIn, false, true, repeats);
            Gemm<T>($"layer {l + 1} dW = dZᵀ·A", nOut, nIn, m, true, false, repeats);
            if (l > 0) Gemm<T>($"layer {l + 1} dA_prev = dZ·W", m, nIn, nOut, false, false, repeats);
        }
    }

    private static void Gemm<T>(string name, int m, int n, int k, bool transA, bool transB, int repeats)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(7);
        var a = transA ? Tensor<T>.RandomNormal(random, k, m) : Tensor<T>.RandomNormal(random, m, k);
        var b = transB ? Tensor<T>.RandomNormal(random, n, k) : Tensor<T>.RandomNormal(random, k, n);
        var c = Tensor<T>.Zeros(m, n);
        for (int i = 0; i < 5; i++) Tensor<T>.MatMulInto(a, b, c, transA, transB);
        var times = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            long t = Stopwatch.GetTimestamp();
            Tensor<T>.MatMulInto(a, b, c, transA, transB);
            times.Add(Micro(t));
        }
        double us = Median(times);
        Console.WriteLine($"    {name,-26} {m,5}×{k,-5}·{k,5}×{n,-5} {us,9:F1} µs {2.0 * m * n * k / us / 1e3,7:F1} GFLOP/s");
    }

    private static (Sequential<T>, Tensor<T>, Tensor<T>, ILoss) Setup<T>(string workload, string? dataRoot)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (workload == "mnist-mlp")
        {
            var (train, _) = Mnist.Load<T>(dataRoot is null ? null : Path.Combine(dataRoot, Mnist.Folder));
            var oneHot = train.WithOneHotTargets(10);
            var mlp = Sequential<T>.FromLayerDims([784, 512, 256, 10], Activation.Relu, Activation.Softmax);
            mlp.Initialize(Initializer.He, new NumpyRandom(1));
            return (mlp, oneHot.X.Rows(0, 128), oneHot.Y.Rows(0, 128), Loss.SoftmaxCrossEntropy);
        }
        var (cats, _) = CatVsNonCat.Load<T>(dataRoot);
        var model = workload switch
        {
            "logistic" => CourseModels.LogisticRegression<T>(12288),
            "2-layer" => CourseModels.TwoLayerCat<T>(),
            _ => CourseModels.LLayerCat<T>(),
        };
        return (model, cats.X, cats.Y, Loss.BinaryCrossEntropy);
    }

    private static void Step<T>(Sequential<T> model, Tensor<T> x, Tensor<T> y, ILoss loss, IOptimizer optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        model.ZeroGrad();
        Backprop.Autograd.Graph.BeginStep();
        Backprop.Autograd.Graph.Backward(loss.Compute(model.Forward(x), y));
        optimizer.Step(model.Parameters);
    }

    private static double Micro(long start) => (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
