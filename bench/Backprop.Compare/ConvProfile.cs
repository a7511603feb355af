using System.Diagnostics;
using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Compare;

/// <summary>Where one steady-state step of a convolutional workload goes (issue #18): each layer's forward and backward
/// (its recorded nodes run by hand, in reverse order), the cost and the update, and for each convolution its kernels alone:
/// im2col, the forward GEMM Z = cols·W, the bias, dW = colsᵀ·dZ, dcols = dZ·Wᵀ and col2im — with GFLOP/s = 2·P·k·F per
/// GEMM (P output pixels, k = f_h·f_w·n_C_prev, F filters) beside the FMA peak measured at the machine's widest vector.
/// Medians over repeated calls after warm-up. `Backprop.Compare profile lenet-mnist float32 1`.</summary>
internal static class ConvProfile
{
    public static void Print<T>(CommandLine options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (model, xAll, yAll, batch, _) = ConvWorkloads.Build<T>(options.Target!, options.DataRoot);
        var x = xAll.Rows(0, batch);
        var y = yAll.Rows(0, batch);
        var optimizer = new GradientDescent(0.001);
        const int repeats = 40;
        double peak = FmaPeak.GflopsPerCore<T>(VectorWidths.Widest);
        Console.WriteLine($"{options.Target} {typeof(T).Name}, {Gemm.MaxThreads} thread(s), batch {batch}, {VectorWidths.Describe(VectorWidths.Widest)}: " +
                          $"medians of {repeats}, in µs; FMA peak {peak:F0} GFLOP/s per core");
        var firstSteps = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            long t = Stopwatch.GetTimestamp();
            Step(model, x, y, optimizer);
            firstSteps.Add((Stopwatch.GetTimestamp() - t) * 1e6 / Stopwatch.Frequency);
        }
        Console.WriteLine($"  the first 5 steps (JIT included): {string.Join(", ", firstSteps.Select(v => v.ToString("F0")))}");

        var layers = model.Layers;
        var a = x;
        bool needsGrad = false;
        double sumF = 0, sumB = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            var input = Tensor<T>.Zeros(a.Shape.ToArray());
            a.AsReadOnlySpan().CopyTo(input.AsSpan());
            input.RequiresGrad = needsGrad;
            var layer = layers[l];
            Tensor<T>? output = null;
            // Each forward marks its nodes as awaiting a backward; released here, as a backward would, so that the layer's node
            // pool reuses them (and their buffers) instead of handing out fresh ones.
            double forward = Times(repeats, () => { Graph.BeginStep(); output = layer.Forward(input); Release(output, input); });
            var layerOutput = output ?? throw new InvalidOperationException("no forward");
            var nodes = NodesOf(layerOutput, input);
            var seed = Tensor<T>.RandomNormal(new NumpyRandom(3), layerOutput.Shape.ToArray());
            double backward = nodes.Count == 0 ? 0 : Times(repeats, () =>
            {
                for (int n = 0; n < nodes.Count; n++) nodes[n].Backward(n == 0 ? seed : nodes[n].Output!.GradBuffer!);
            });
            (sumF, sumB) = (sumF + forward, sumB + backward);
            Console.WriteLine($"  {l + 1,2} {layer,-70} forward {forward,8:F1}  backward {backward,8:F1}");
            if (nodes.Count > 1)
            {
                var byNode = nodes.Select((node, n) => $"{node.GetType().Name.Split('`')[0]} " +
                    Times(repeats, () => node.Backward(n == 0 ? seed : node.Output!.GradBuffer!)).ToString("F1"));
                Console.WriteLine($"       backward by node: {string.Join(", ", byNode)}");
            }
            if (layer is Conv2D<T> conv) Kernels(conv, input, needsGrad, repeats, peak);
            if (layer is MaxPool2D<T> pool)
            {
                var g = pool.Spec.Geometry(input, "pool");
                var yPool = new T[g.OutPixels * g.InChannels];
                var arg = new int[yPool.Length];
                var xPool = input.AsReadOnlySpan().ToArray();
                var dxPool = new T[xPool.Length];
                double poolForward = Times(repeats, () => MaxPooling.Forward<T>(g, xPool, yPool, arg));
                double poolBackward = Times(repeats, () => { Array.Clear(dxPool); MaxPooling.Backward<T>(g, yPool, arg, dxPool); });
                Console.WriteLine($"       MaxPooling alone: forward {poolForward:F1}, backward {poolBackward:F1}");
            }
            needsGrad |= layer.Parameters.Any();
            a = layerOutput;
        }
        var update = Times(repeats, () => optimizer.Step(model.Parameters));
        var step = Times(repeats, () => Step(model, x, y, optimizer));
        var phases = new List<double>[4];
        for (int i = 0; i < 4; i++) phases[i] = [];
        for (int r = 0; r < repeats; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            model.ZeroGrad();
            Graph.BeginStep();
            var output = model.Forward(x);
            long t1 = Stopwatch.GetTimestamp();
            var cost = Loss.SoftmaxCrossEntropy.Compute(output, y);
            long t2 = Stopwatch.GetTimestamp();
            Graph.Backward(cost);
            long t3 = Stopwatch.GetTimestamp();
            optimizer.Step(model.Parameters);
            long t4 = Stopwatch.GetTimestamp();
            long[] marks = [t0, t1, t2, t3, t4];
            for (int i = 0; i < 4; i++) phases[i].Add((marks[i + 1] - marks[i]) * 1e6 / Stopwatch.Frequency);
        }
        // Each layer's forward inside real steps (after a backward and an update, with the step's whole working set), beside
        // the repeated calls above, which find their operands in cache.
        var inStep = new List<double>[layers.Count];
        for (int l = 0; l < layers.Count; l++) inStep[l] = [];
        for (int r = 0; r < repeats; r++)
        {
            model.ZeroGrad();
            Graph.BeginStep();
            var h = x;
            for (int l = 0; l < layers.Count; l++)
            {
                long t = Stopwatch.GetTimestamp();
                h = layers[l].Forward(h);
                inStep[l].Add((Stopwatch.GetTimestamp() - t) * 1e6 / Stopwatch.Frequency);
            }
            Graph.Backward(Loss.SoftmaxCrossEntropy.Compute(h, y));
            optimizer.Step(model.Parameters);
        }
        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine($"  forwards inside a step: {string.Join(" + ", inStep.Select(v => Median(v).ToString("F0")))} = {inStep.Sum(Median):F1}");
        Console.WriteLine($"  one step: forward {Median(phases[0]):F1} + cost {Median(phases[1]):F1} + backward {Median(phases[2]):F1} + update {Median(phases[3]):F1}");
        Console.WriteLine($"  layers: forward {sumF:F1} + backward {sumB:F1}; update {update:F1}; whole step {step:F1} " +
                          $"(the rest, {step - sumF - sumB - update:F1}: the cost, the graph walk, zeroing the gradients)");
    }

    /// <summary>The kernels of one convolution on its real input, each alone on the whole batch.</summary>
    private static void Kernels<T>(Conv2D<T> conv, Tensor<T> input, bool needsDx, int repeats, double peak)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = (conv.Spec with { Kernel = new Backprop.Ops.Convolution.Size2D(conv.Weight.Value.Dim(0), conv.Weight.Value.Dim(1)) }).Geometry(input, "Conv2D");
        int p = g.OutPixels, k = g.PatchLength, f = conv.Filters;
        var random = new NumpyRandom(4);
        var cols = Tensor<T>.Zeros(p, k).AsSpan().ToArray();
        var dcols = new T[p * k];
        var z = new T[p * f];
        var dz = Tensor<T>.RandomNormal(random, p, f).AsReadOnlySpan().ToArray();
        var w = conv.Weight.Value.AsReadOnlySpan().ToArray();
        var dw = new T[k * f];
        var dx = new T[input.Length];
        var b = new T[f];
        var xs = input.AsReadOnlySpan().ToArray();
        double gemmFlops = 2.0 * p * k * f;
        double im2col = Times(repeats, () => Im2Col.Fill(g, xs, cols));
        double fwd = Times(repeats, () => Gemm.Multiply(false, false, p, f, k, T.One, cols, k, w, f, T.Zero, z, f));
        double bias = Times(repeats, () => { for (int i = 0; i < z.Length; i += f) Reductions.AddInto(b, z.AsSpan(i, f)); });
        double dW = Times(repeats, () => Gemm.Multiply(true, false, k, f, p, T.One, cols, k, dz, f, T.Zero, dw, f));
        double dC = needsDx ? Times(repeats, () => Gemm.Multiply(false, true, p, k, f, T.One, dz, f, w, f, T.Zero, dcols, k)) : 0;
        double col2im = needsDx ? Times(repeats, () => { Array.Clear(dx); Im2Col.Accumulate(g, dcols, dx); }) : 0;
        string Rate(double us, double flops) => us > 0 ? $"{flops / us / 1e3,6:F1} GFLOP/s ({100 * flops / us / 1e3 / peak,3:F0} %)" : "";
        Console.WriteLine($"       P={p} k={k} F={f} im2col path: im2col {im2col:F1}; GEMM Z=cols·W {fwd:F1} {Rate(fwd, gemmFlops)}; bias {bias:F1}");
        Console.WriteLine($"         dW=colsᵀ·dZ {dW:F1} {Rate(dW, gemmFlops)}" + (needsDx ? $"; dcols=dZ·Wᵀ {dC:F1} {Rate(dC, gemmFlops)}; col2im {col2im:F1}" : "; (no dA_prev)"));
        if (!DirectConv.Supports(g)) return;
        var layout = DirectConv.Layout<T>(g, f);
        var padded = new T[layout.PaddedLength];
        var packed = new T[layout.PackedWeightLength];
        var packedBias = new T[layout.FilterLanes];
        var paddedDz = new T[(long)g.OutHeight * g.OutWidth * layout.FilterLanes];
        var partials = new T[(long)DirectConv.Parts(g) * layout.PackedWeightLength];
        var pixels = DirectConv.PixelLayout<T>(g, f);
        var transposed = new T[pixels.TransposedWeightLength];
        var paddedDx = new T[pixels.PaddedLength];
        double direct = Times(repeats, () => DirectConv.Forward(layout, xs, w, b, padded, packed, packedBias, z));
        double directW = Times(repeats, () => DirectConv.WeightGradient(layout, padded, dz, layout.FilterLanes == f ? default : paddedDz, partials, dw, false));
        double directX = needsDx ? Times(repeats, () => DirectConv.InputGradient(pixels, dz, w, transposed, paddedDx, dx, false)) : 0;
        double transposedX = 0;
        if (needsDx && DirectConv.TransposedLayout<T>(g, f) is { } t)
        {
            var (flipped, tPadded, tPacked, tBias) = (new T[w.Length], new T[t.PaddedLength], new T[t.PackedWeightLength], new T[t.FilterLanes]);
            transposedX = Times(repeats, () => DirectConv.InputGradientTransposed(t, dz, w, flipped, tPadded, tPacked, tBias, default, dx, false));
        }
        Console.WriteLine($"       direct: Z {direct:F1} {Rate(direct, gemmFlops)}; dW {directW:F1} {Rate(directW, gemmFlops)}" +
                          (needsDx ? $"; dA_prev per pixel {directX:F1} {Rate(directX, gemmFlops)}, as a transposed convolution {transposedX:F1} {Rate(transposedX, gemmFlops)}" : ""));
    }

    /// <summary>The recorded nodes between <paramref name="output"/> and <paramref name="input"/>, users before their inputs.</summary>
    private static List<GradNode<T>> NodesOf<T>(Tensor<T> output, Tensor<T> input) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var nodes = new List<GradNode<T>>();
        var node = Graph.ProducerOf(output);
        while (node is not null)
        {
            nodes.Add(node);
            var next = node.Inputs.FirstOrDefault(t => t is not null && !ReferenceEquals(t, input) && Graph.ProducerOf(t) is not null);
            node = next is null ? null : Graph.ProducerOf(next);
        }
        return nodes;
    }

    private static void Release<T>(Tensor<T> output, Tensor<T> input) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var node in NodesOf(output, input)) node.Pending = false;
    }

    private static void Step<T>(Backprop.Models.Sequential<T> model, Tensor<T> x, Tensor<T> y, IOptimizer optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        model.ZeroGrad();
        Graph.BeginStep();
        Graph.Backward(Loss.SoftmaxCrossEntropy.Compute(model.Forward(x), y));
        optimizer.Step(model.Parameters);
    }

    private static double Times(int repeats, Action action)
    {
        for (int i = 0; i < 3; i++) action();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long t = Stopwatch.GetTimestamp();
            action();
            times[i] = (Stopwatch.GetTimestamp() - t) * 1e6 / Stopwatch.Frequency;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }
}
