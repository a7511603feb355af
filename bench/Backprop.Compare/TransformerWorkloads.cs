using System.Numerics;
using Backprop.Autograd;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Compare;

/// <summary>The char-GPT workload of bench/compare, the same as torch_peer.py's char_gpt: ids (batch 32, context 128) →
/// Embedding (65, 128) + learned positions → 4 causal pre-norm transformer blocks (4 heads, GELU MLP of 512) → LayerNorm →
/// Dense (65, softmax), softmax cross-entropy over all B·T positions, AdamW (α = 0.001, λ = 0.1), random token ids,
/// 30 batches (BACKPROP_GPT_BATCHES overrides) after 2 untimed warm-up batches.</summary>
internal static class TransformerWorkloads
{
    private const int Vocabulary = 65, Width = 128, Heads = 4, Blocks = 4, Batch = 32, Context = 128, Warmup = 2;

    public static ResultLine CharGptEpoch<T>(ResultLine line) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batches = int.TryParse(Environment.GetEnvironmentVariable("BACKPROP_GPT_BATCHES"), out int b) && b > 0 ? b : 30;
        var random = new NumpyRandom(0);
        var ids = new int[(batches + Warmup) * Batch * (Context + 1)];
        for (int i = 0; i < ids.Length; i++) ids[i] = (int)random.NextInterval(Vocabulary - 1);
        var model = CharacterModel.Transformer<T>(Vocabulary, Context, Width, Heads, Blocks);
        var optimizer = new AdamW(0.001, weightDecay: 0.1);
        var (x, y) = (Tensor<T>.Zeros(Batch, Context), Tensor<T>.Zeros(Batch, Context, Vocabulary));
        return RecurrentWorkloads.Timed(line, batches, Warmup, k => Step(model, optimizer, ids, k, x, y));
    }

    /// <summary>One batch: X = ids[t], one-hot Y⟨t⟩ = ids[t + 1], then forward, cost, backward, AdamW update.</summary>
    private static double Step<T>(Sequential<T> model, IOptimizer optimizer, int[] ids, int batch, Tensor<T> x, Tensor<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        ys.Clear();
        int offset = batch * Batch * (Context + 1);
        for (int i = 0; i < Batch; i++)
            for (int t = 0; t < Context; t++)
            {
                int at = offset + i * (Context + 1) + t;
                xs[i * Context + t] = T.CreateChecked(ids[at]);
                ys[(i * Context + t) * Vocabulary + ids[at + 1]] = T.One;
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
