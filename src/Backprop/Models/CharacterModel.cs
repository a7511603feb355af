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
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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
                next = random.Choice(p);
                if (vocabulary[next] == stop) break;
                text.Append(vocabulary[next]);
            }
        return text.ToString();
    }
}
