using System.Diagnostics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Compare;

/// <summary>Where a char-GPT step goes (the char-gpt workload's shapes: batch 32, context 128, width 128, 4 heads, MLP of
/// 512, vocabulary 65): each piece of a block alone on its real input shape — LayerNorm, the four projections, the
/// attention core (head split, Q·Kᵀ, masked softmax, ·V, merge), the MLP's two Dense layers, a residual sum — and the
/// embeddings and the softmax head with its cost, forward and forward + backward, medians in µs, with the whole step
/// for comparison. `Backprop.Compare profile char-gpt float32 1`.</summary>
internal static class TransformerProfile
{
    private const int Batch = 32, Context = 128, Width = 128, Heads = 4, Vocabulary = 65, Repeats = 15;

    public static void Print(CommandLine options)
    {
        var random = new NumpyRandom(3);
        var h = Tensor<float>.RandomNormal(random, Batch, Context, Width);
        var wide = Tensor<float>.RandomNormal(random, Batch, Context, 4 * Width);
        var ids = Tensor<float>.Zeros(Batch, Context);
        var onehot = Tensor<float>.Zeros(Batch, Context, Vocabulary);
        for (int i = 0; i < ids.Length; i++) { int id = (int)random.NextInterval(Vocabulary - 1); ids.AsSpan()[i] = id; onehot.AsSpan()[i * Vocabulary + id] = 1; }
        Console.WriteLine($"char-gpt float32, {Gemm.MaxThreads} thread(s), {VectorWidths.Describe(VectorWidths.Widest)}: batch {Batch} × context {Context}, width {Width}, {Heads} heads; medians of {Repeats}, µs (forward / forward + backward)");
        var attention = new MultiHeadAttention<float>(Width, Heads, causal: true);
        var rows = new (string Name, Func<Tensor<float>> Run)[]
        {
            ("LayerNorm (128)", Layer(new LayerNorm<float>(Width), h)),
            ("one projection Dense 128→128 (×4 in attention)", Layer(new Dense<float>(Width, Width), h)),
            ("attention, whole (4 projections + core)", Layer(attention, h)),
            ("MLP expand Dense 128→512 + GELU", Layer(new Dense<float>(Width, 4 * Width, Activation.Gelu), h)),
            ("MLP contract Dense 512→128", Layer(new Dense<float>(4 * Width, Width), wide)),
            ("residual sum", Residual(h)),
            ("embedding + positions", Layer(new Sequential<float>(new Embedding<float>(Vocabulary, Width), new PositionalEmbedding<float>(Context, Width)), ids)),
            ("head Dense 128→65 softmax + cost", Head(h, onehot)),
        };
        foreach (var (name, run) in rows)
        {
            Tensor<float>? seed = null;
            double forward = Times(() => { Graph.BeginStep(); using (Graph.NoGrad()) run(); });
            double both = Times(() =>
            {
                Graph.BeginStep();
                var y = run();
                if (y.Length == 1) y.Backward();
                else y.Backward(seed ??= Tensor<float>.Full(1, y.ShapeArray));
            });
            Console.WriteLine($"  {name,-48} {forward,9:F0} / {both,9:F0}");
        }
        var model = CharacterModel.Transformer<float>(Vocabulary, Context, Width, Heads, 4);
        var optimizer = new Backprop.Optimizers.AdamW(0.001, 0.1);
        double step = Times(() =>
        {
            model.ZeroGrad();
            Graph.BeginStep();
            Loss.SoftmaxCrossEntropy.Compute(model.Forward(ids), onehot).Backward();
            optimizer.Step(model.Parameters);
        });
        Console.WriteLine($"  whole step (4 blocks, AdamW): {step:F0}");
    }

    /// <summary>The layer on a copy of <paramref name="input"/> (which needs a gradient, as inside a block).</summary>
    private static Func<Tensor<float>> Layer(Module<float> layer, Tensor<float> input)
    {
        var x = Tensor<float>.Zeros(input.ShapeArray);
        input.AsReadOnlySpan().CopyTo(x.AsSpan());
        x.RequiresGrad = input.Rank == 3 && input.Dim(2) > 1 && layer is not Sequential<float>;
        return () => layer.Forward(x);
    }

    private static Func<Tensor<float>> Residual(Tensor<float> input)
    {
        var (a, b) = (Tensor<float>.Zeros(input.ShapeArray), Tensor<float>.Zeros(input.ShapeArray));
        input.AsReadOnlySpan().CopyTo(a.AsSpan());
        input.AsReadOnlySpan().CopyTo(b.AsSpan());
        a.RequiresGrad = b.RequiresGrad = true;
        var residual = new Residual<float>();
        return () => residual.Add(a, b);
    }

    private static Func<Tensor<float>> Head(Tensor<float> input, Tensor<float> y)
    {
        var x = Tensor<float>.Zeros(input.ShapeArray);
        input.AsReadOnlySpan().CopyTo(x.AsSpan());
        x.RequiresGrad = true;
        var head = new Dense<float>(Width, Vocabulary, Activation.Softmax);
        return () => Loss.SoftmaxCrossEntropy.Compute(head.Forward(x), y);
    }

    private static double Times(Action action)
    {
        for (int i = 0; i < 3; i++) action();
        var times = new double[Repeats];
        for (int i = 0; i < Repeats; i++)
        {
            long t = Stopwatch.GetTimestamp();
            action();
            times[i] = (Stopwatch.GetTimestamp() - t) * 1e6 / Stopwatch.Frequency;
        }
        Array.Sort(times);
        return times[Repeats / 2];
    }
}
