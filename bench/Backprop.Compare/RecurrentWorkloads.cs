using System.Diagnostics;
using System.Numerics;
using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Compare;

/// <summary>The recurrent workload of bench/compare, the same as torch_anchor.py's char-LSTM: one-hot inputs (vocabulary
/// 65) → LSTM (65 → 128, every step) → Dense (128 → 65) with softmax cross-entropy over all B·T positions, batch 64,
/// sequence 64, random token ids, plain SGD α = 0.1, 400 batches (BACKPROP_LSTM_BATCHES overrides) after 3 untimed
/// warm-up batches. The one-hot encoding of each batch is inside the clock, as PyTorch's one_hot is.</summary>
internal static class RecurrentWorkloads
{
    private const int Vocabulary = 65, Hidden = 128, Batch = 64, Steps = 64, Warmup = 3;

    public static ResultLine CharLstmEpoch<T>(ResultLine line) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batches = int.TryParse(Environment.GetEnvironmentVariable("BACKPROP_LSTM_BATCHES"), out int b) && b > 0 ? b : 400;
        var random = new NumpyRandom(0);
        var ids = new int[(batches + Warmup) * Batch * (Steps + 1)];
        for (int i = 0; i < ids.Length; i++) ids[i] = (int)random.NextInterval(Vocabulary - 1);
        var model = new Sequential<T>(new Lstm<T>(Vocabulary, Hidden), new Dense<T>(Hidden, Vocabulary, Activation.Softmax));
        var optimizer = new GradientDescent(0.1);
        var (x, y) = (Tensor<T>.Zeros(Batch, Steps, Vocabulary), Tensor<T>.Zeros(Batch, Steps, Vocabulary));
        return Timed(line, batches, Warmup, k => Step(model, optimizer, ids, k, x, y));
    }

    /// <summary>Runs <paramref name="step"/> for batches <paramref name="batches"/> … + <paramref name="warmup"/> − 1
    /// untimed, then 0 … batches − 1 on the clock; the line gets the seconds, CPU seconds, the last cost, ms per batch and
    /// the bytes the loop's thread allocated per batch.</summary>
    internal static ResultLine Timed(ResultLine line, int batches, int warmup, Func<int, double> step)
    {
        double cost = 0;
        for (int w = 0; w < warmup; w++) cost = step(batches + w);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime; // outside the allocation window: a Process is an object
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int k = 0; k < batches; k++) cost = step(k);
        var elapsed = Stopwatch.GetElapsedTime(start);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return line.Set("seconds", elapsed.TotalSeconds)
            .Set("cpu_seconds", cpu.TotalSeconds)
            .Set("cost", cost)
            .Set("steps", batches)
            .Set("ms_per_batch", elapsed.TotalMilliseconds / batches)
            .Set("alloc_bytes_per_step", (double)allocated / batches);
    }

    /// <summary>One batch: one-hot X⟨t⟩ = ids[t], Y⟨t⟩ = ids[t + 1], then forward, cost, backward, SGD update.</summary>
    private static double Step<T>(Sequential<T> model, IOptimizer optimizer, int[] ids, int batch, Tensor<T> x, Tensor<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        xs.Clear();
        ys.Clear();
        int offset = batch * Batch * (Steps + 1);
        for (int i = 0; i < Batch; i++)
            for (int t = 0; t < Steps; t++)
            {
                int at = offset + i * (Steps + 1) + t, row = (i * Steps + t) * Vocabulary;
                xs[row + ids[at]] = T.One;
                ys[row + ids[at + 1]] = T.One;
            }
        model.ZeroGrad();
        Graph.BeginStep();
        var cost = Loss.SoftmaxCrossEntropy.Compute(model.Forward(x), y);
        double value = double.CreateChecked(cost.ToScalar());
        cost.Backward();
        optimizer.Step(model.Parameters);
        return value;
    }
}
