using System.Numerics;
using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>A language model over token ids 0 … V − 1 (as <see cref="CharacterModel"/> builds them, for any tokenizer):
/// P(x⟨t+1⟩ | x⟨1…t⟩) is the softmax at step t. Sampling draws x⟨t+1⟩ ~ P with <see cref="NumpyRandom.Choice"/>, reshaped
/// by a <see cref="TextSampling"/> rule; an LSTM runs one id at a time carrying a⟨t⟩ and c⟨t⟩, a transformer re-reads the
/// last T_max ids at every draw.</summary>
public static class TokenModel
{
    /// <summary>P(next id | <paramref name="ids"/>) over the <paramref name="vocabularySize"/> ids: the ids run through the
    /// model as one sequence in evaluation mode (no dropout), the last step's softmax.</summary>
    public static double[] NextProbabilities<T>(Module<T> model, int vocabularySize, IReadOnlyList<int> ids) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ids.Count == 0) throw new ArgumentException("The context needs at least one token.");
        var x = Tensor<T>.Zeros(1, ids.Count);
        for (int t = 0; t < ids.Count; t++) x.AsSpan()[t] = T.CreateChecked(ids[t]);
        return InEvaluation(model, () => Next(model, vocabularySize, x, ids.Count));
    }

    private static double[] Next<T>(Module<T> model, int vocabularySize, Tensor<T> x, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using (Graph.NoGrad())
        {
            var y = model.Forward(x).AsReadOnlySpan()[((length - 1) * vocabularySize)..];
            var p = new double[vocabularySize];
            for (int i = 0; i < p.Length; i++) p[i] = double.CreateChecked(y[i]);
            Graph.BeginStep();
            return p;
        }
    }

    /// <summary>Ids drawn from <paramref name="model"/> after the id <paramref name="start"/>, until <paramref name="stop"/>
    /// is drawn (not included) or <paramref name="maxLength"/> ids, each draw's probabilities reshaped by <paramref name="rule"/>.</summary>
    public static List<int> Sample<T>(Sequential<T> model, int vocabularySize, NumpyRandom random, int start, int? stop, int maxLength, TextSampling rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if ((uint)start >= (uint)vocabularySize) throw new ArgumentException("The start token is not in the model's vocabulary.");
        return InEvaluation(model, () => CharacterModel.ContextOf(model) is { } context
            ? SampleWindowed(model, vocabularySize, random, start, stop, maxLength, rule, context)
            : SampleRecurrent(model, vocabularySize, random, start, stop, maxLength, rule));
    }

    /// <summary>f() with the model in evaluation mode (dropout off), its mode restored afterwards.</summary>
    private static TResult InEvaluation<T, TResult>(Module<T> model, Func<TResult> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool training = model.IsTraining;
        model.Eval();
        try { return f(); }
        finally { if (training) model.Train(); }
    }

    private static List<int> SampleRecurrent<T>(Sequential<T> model, int vocabularySize, NumpyRandom random, int start, int? stop, int maxLength,
        TextSampling rule) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (model.Layers is not [Embedding<T> embedding, Lstm<T> lstm, Dense<T> output])
            throw new ArgumentException("Sampling needs a character model: Embedding, LSTM, then Dense.");
        int hidden = lstm.HiddenSize;
        var (h, c) = (Tensor<T>.Zeros(1, hidden), Tensor<T>.Zeros(1, hidden));
        var id = Tensor<T>.Zeros(1, 1);
        var p = new double[vocabularySize];
        var drawn = new List<int>();
        int next = start;
        using (Graph.NoGrad())
            while (drawn.Count < maxLength)
            {
                id.AsSpan()[0] = T.CreateChecked(next);
                var a = lstm.Forward(embedding.Forward(id), h, c);
                a.AsReadOnlySpan().CopyTo(h.AsSpan());
                lstm.FinalCell!.AsReadOnlySpan().CopyTo(c.AsSpan());
                var y = output.Forward(a).AsReadOnlySpan();
                double sum = 0;
                for (int i = 0; i < p.Length; i++) sum += p[i] = double.CreateChecked(y[i]);
                for (int i = 0; i < p.Length; i++) p[i] /= sum;
                Graph.BeginStep();
                rule.Apply(p);
                next = random.Choice(p);
                if (next == stop) break;
                drawn.Add(next);
            }
        return drawn;
    }

    private static List<int> SampleWindowed<T>(Sequential<T> model, int vocabularySize, NumpyRandom random, int start, int? stop, int maxLength,
        TextSampling rule, int context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var drawn = new List<int>();
        var so = new List<int> { start };
        while (drawn.Count < maxLength)
        {
            var p = NextProbabilities(model, vocabularySize, so.GetRange(Math.Max(0, so.Count - context), Math.Min(so.Count, context)));
            double sum = p.Sum();
            for (int i = 0; i < p.Length; i++) p[i] /= sum;
            rule.Apply(p);
            int next = random.Choice(p);
            if (next == stop) break;
            drawn.Add(next);
            so.Add(next);
        }
        return drawn;
    }
}
