using System.Numerics;
using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>A character-level language model, ids → Embedding (V, d) → LSTM (H, every step) → Dense (V, softmax) over
/// every step: P(x⟨t+1⟩ | x⟨1…t⟩) = softmax(Wy·a⟨t⟩ + by). Sampling runs it one character at a time, carrying a⟨t⟩ and c⟨t⟩,
/// and draws each next character with <see cref="NumpyRandom.Choice"/>.</summary>
public static class CharacterModel
{
    /// <summary>The network for a vocabulary of <paramref name="vocabularySize"/> characters.</summary>
    public static Sequential<T> Lstm<T>(int vocabularySize, int embeddingSize = 32, int hiddenSize = 128)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(new Embedding<T>(vocabularySize, embeddingSize), new Lstm<T>(embeddingSize, hiddenSize), new Dense<T>(hiddenSize, vocabularySize, Activation.Softmax));

    /// <summary>A character-level GPT for a vocabulary of <paramref name="vocabularySize"/> characters: ids → Embedding (V, d)
    /// + PositionalEmbedding (T_max, d) → <paramref name="blocks"/> causal pre-norm <see cref="TransformerBlock{T}"/>s of
    /// <paramref name="heads"/> heads and a 4·d GELU MLP → LayerNorm → Dense (V, softmax) at every position:
    /// P(x⟨t+1⟩ | x⟨1…t⟩) for t &lt; T_max = <paramref name="context"/>.</summary>
    public static Sequential<T> Transformer<T>(int vocabularySize, int context, int width, int heads, int blocks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "A transformer needs at least one block.");
        var layers = new List<Module<T>> { new Embedding<T>(vocabularySize, width), new PositionalEmbedding<T>(context, width) };
        for (int b = 0; b < blocks; b++) layers.Add(new TransformerBlock<T>(width, heads, 4 * width, causal: true));
        layers.Add(new LayerNorm<T>(width));
        layers.Add(new Dense<T>(width, vocabularySize, Activation.Softmax));
        return new Sequential<T>([.. layers]);
    }

    /// <summary>The longest context <paramref name="model"/> reads: its positional table's length for a transformer, or
    /// null for a recurrent model (which carries its state instead).</summary>
    public static int? ContextOf<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Layers.Count > 1 && model.Layers[1] is PositionalEmbedding<T> positions ? positions.Positions : null;

    /// <summary>P(next character | <paramref name="context"/>) over the vocabulary: the context run through the model as one
    /// sequence, the last step's softmax.</summary>
    public static double[] NextProbabilities<T>(Module<T> model, string vocabulary, string context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (context.Length == 0) throw new ArgumentException("The context needs at least one character.");
        var ids = Tensor<T>.Zeros(1, context.Length);
        for (int t = 0; t < context.Length; t++)
        {
            int id = vocabulary.IndexOf(context[t]);
            if (id < 0) throw new ArgumentException($"The character '{context[t]}' is not in the model's vocabulary.");
            ids.AsSpan()[t] = T.CreateChecked(id);
        }
        using (Graph.NoGrad())
        {
            var y = model.Forward(ids).AsReadOnlySpan()[((context.Length - 1) * vocabulary.Length)..];
            var p = new double[vocabulary.Length];
            for (int i = 0; i < p.Length; i++) p[i] = double.CreateChecked(y[i]);
            Graph.BeginStep();
            return p;
        }
    }

    /// <summary>Characters drawn from <paramref name="model"/> (as built by <see cref="Lstm{T}"/>) after the context
    /// <paramref name="start"/>, until <paramref name="stop"/> is drawn (not included) or <paramref name="maxLength"/> characters.</summary>
    public static string Sample<T>(Sequential<T> model, string vocabulary, NumpyRandom random, char start, char? stop, int maxLength)
        where T : unmanaged, IFloatingPointIeee754<T> => Sample(model, vocabulary, random, start, stop, maxLength, TextSampling.Plain);

    /// <summary>As <see cref="Sample{T}(Sequential{T}, string, NumpyRandom, char, char?, int)"/> with each draw's probabilities
    /// reshaped by <paramref name="rule"/> (temperature, top-k). A transformer (<see cref="Transformer{T}"/>) reads the last
    /// T_max characters so far at every draw.</summary>
    public static string Sample<T>(Sequential<T> model, string vocabulary, NumpyRandom random, char start, char? stop, int maxLength, TextSampling rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ContextOf(model) is { } context) return SampleWindowed(model, vocabulary, random, start, stop, maxLength, rule, context);
        if (model.Layers is not [Embedding<T> embedding, Lstm<T> lstm, Dense<T> output])
            throw new ArgumentException("Sampling needs a character model: Embedding, LSTM, then Dense.");
        int hidden = lstm.HiddenSize;
        var (h, c) = (Tensor<T>.Zeros(1, hidden), Tensor<T>.Zeros(1, hidden));
        var id = Tensor<T>.Zeros(1, 1);
        var p = new double[vocabulary.Length];
        var text = new System.Text.StringBuilder();
        int next = vocabulary.IndexOf(start);
        if (next < 0) throw new ArgumentException($"The start character is not in the model's vocabulary.");
        using (Graph.NoGrad())
            while (text.Length < maxLength)
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
                if (vocabulary[next] == stop) break;
                text.Append(vocabulary[next]);
            }
        return text.ToString();
    }

    private static string SampleWindowed<T>(Sequential<T> model, string vocabulary, NumpyRandom random, char start, char? stop, int maxLength,
        TextSampling rule, int context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (vocabulary.IndexOf(start) < 0) throw new ArgumentException($"The start character is not in the model's vocabulary.");
        var text = new System.Text.StringBuilder();
        var so = new System.Text.StringBuilder().Append(start);
        while (text.Length < maxLength)
        {
            var window = so.ToString(Math.Max(0, so.Length - context), Math.Min(so.Length, context));
            var p = NextProbabilities(model, vocabulary, window);
            double sum = p.Sum();
            for (int i = 0; i < p.Length; i++) p[i] /= sum;
            rule.Apply(p);
            int next = random.Choice(p);
            if (vocabulary[next] == stop) break;
            text.Append(vocabulary[next]);
            so.Append(vocabulary[next]);
        }
        return text.ToString();
    }
}
