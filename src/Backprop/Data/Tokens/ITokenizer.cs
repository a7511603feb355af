namespace Backprop.Data.Tokens;

/// <summary>Text ↔ token ids for a language model with a vocabulary of V tokens: Encode(s) = (i₁ … i_n) with every
/// 0 ≤ i_k &lt; V, and Decode(Encode(s)) = s for any text made of the vocabulary's tokens. A tokenizer is fitted to a
/// training text (<see cref="Tokenization.Fit"/>) and stored with the model as <see cref="Name"/> and
/// <see cref="VocabularyJson"/>, which <see cref="Tokenization.Restore"/> reads back into the same mapping.</summary>
public interface ITokenizer
{
    /// <summary>The kind, as <c>--tokenizer</c> names it and the model file stores it ("char", "gpt2").</summary>
    string Name { get; }

    /// <summary>What one token is, plural, for messages: "characters", "GPT-2 tokens".</summary>
    string Unit { get; }

    /// <summary>V: the ids run from 0 to V − 1.</summary>
    int VocabularySize { get; }

    /// <summary>The ids of <paramref name="text"/>; throws <see cref="ArgumentException"/> naming the first piece of it
    /// that is not in the vocabulary.</summary>
    int[] Encode(string text);

    /// <summary>The text of <paramref name="ids"/>; throws <see cref="ArgumentOutOfRangeException"/> for an id outside 0…V − 1.</summary>
    string Decode(IReadOnlyList<int> ids);

    /// <summary>The id of <paramref name="piece"/> when it is exactly one token of the vocabulary, else null (the line
    /// break "\n" starts and ends a sample of a text of lines).</summary>
    int? IdOf(string piece);

    /// <summary>The vocabulary as JSON, as the model file stores it.</summary>
    string VocabularyJson { get; }
}
