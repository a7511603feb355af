using System.Numerics;
using Backprop.Data.Tokens;
using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Randomness;

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
    /// P(x⟨t+1⟩ | x⟨1…t⟩) for t &lt; T_max = <paramref name="context"/>. With <paramref name="dropout"/> p &gt; 0, a
/// <see cref="Dropout{T}"/> follows the positions and each block drops attention weights with p, all seeded from
/// <paramref name="seed"/>.</summary>
    public static Sequential<T> Transformer<T>(int vocabularySize, int context, int width, int heads, int blocks, double dropout = 0, uint seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "A transformer needs at least one block.");
        var layers = new List<Module<T>> { new Embedding<T>(vocabularySize, width), new PositionalEmbedding<T>(context, width) };
        if (dropout > 0) layers.Add(new Dropout<T>(dropout, seed));
        for (int b = 0; b < blocks; b++) layers.Add(new TransformerBlock<T>(width, heads, 4 * width, dropout, causal: true, seed: seed + 1 + (uint)b));
        layers.Add(new LayerNorm<T>(width));
        layers.Add(new Dense<T>(width, vocabularySize, Activation.Softmax));
        return new Sequential<T>([.. layers]);
    }

    /// <summary>The longest context <paramref name="model"/> reads: its positional table's length for a transformer, or
    /// null for a recurrent model (which carries its state instead).</summary>
    public static int? ContextOf<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Layers.Count > 1 && model.Layers[1] is PositionalEmbedding<T> positions ? positions.Positions : null;

    /// <summary>P(next character | <paramref name="context"/>) over the vocabulary: the context run through the model as one
    /// sequence, the last step's softmax (<see cref="TokenModel.NextProbabilities"/> on the characters' ids).</summary>
    public static double[] NextProbabilities<T>(Module<T> model, string vocabulary, string context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (context.Length == 0) throw new ArgumentException("The context needs at least one character.");
        return TokenModel.NextProbabilities(model, vocabulary.Length, new CharTokenizer(vocabulary).Encode(context));
    }

    /// <summary>Characters drawn from <paramref name="model"/> (as built by <see cref="Lstm{T}"/>) after the context
    /// <paramref name="start"/>, until <paramref name="stop"/> is drawn (not included) or <paramref name="maxLength"/> characters.</summary>
    public static string Sample<T>(Sequential<T> model, string vocabulary, NumpyRandom random, char start, char? stop, int maxLength)
        where T : unmanaged, IFloatingPointIeee754<T> => Sample(model, vocabulary, random, start, stop, maxLength, TextSampling.Plain);

    /// <summary>As <see cref="Sample{T}(Sequential{T}, string, NumpyRandom, char, char?, int)"/> with each draw's probabilities
    /// reshaped by <paramref name="rule"/> (temperature, top-k). A transformer (<see cref="Transformer{T}"/>) reads the last
    /// T_max characters so far at every draw (<see cref="TokenModel.Sample"/> on the characters' ids).</summary>
    public static string Sample<T>(Sequential<T> model, string vocabulary, NumpyRandom random, char start, char? stop, int maxLength, TextSampling rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tokenizer = new CharTokenizer(vocabulary);
        int first = tokenizer.IdOf(start.ToString()) ?? throw new ArgumentException("The start character is not in the model's vocabulary.");
        int? end = stop is { } s ? tokenizer.IdOf(s.ToString()) : null;
        return tokenizer.Decode(TokenModel.Sample(model, vocabulary.Length, random, first, end, maxLength, rule));
    }
}
