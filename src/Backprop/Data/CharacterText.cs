using System.Numerics;
using Backprop.Data.Tokens;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>A text as characters for a character-level model: the vocabulary is the sorted distinct characters (the
/// course's <c>sorted(set(data))</c>), each character's id its place in it; training pairs are windows of L ids X⟨1…L⟩ and
/// the next characters Y⟨t⟩ = X⟨t+1⟩, one-hot. The <see cref="TokenText"/> of a <see cref="CharTokenizer"/>.</summary>
public sealed class CharacterText
{
    private readonly TokenText _tokens;
    private readonly CharTokenizer _tokenizer;

    /// <summary>Reads <paramref name="text"/> (line ends normalised to '\n').</summary>
    public CharacterText(string text)
    {
        _tokens = new TokenText(CharTokenizer.Kind, text);
        _tokenizer = (CharTokenizer)_tokens.Tokenizer;
    }

    /// <summary>The text, line ends normalised.</summary>
    public string Text => _tokens.Text;

    /// <summary>The distinct characters in order; character id i is Vocabulary[i].</summary>
    public string Vocabulary => _tokenizer.Vocabulary;

    /// <summary>The id of <paramref name="c"/>.</summary>
    public int IdOf(char c) => _tokenizer.IdOf(c.ToString()) ?? throw new KeyNotFoundException($"The character '{c}' is not in the text.");

    /// <summary>Non-overlapping windows of <paramref name="length"/> characters (fewer when the text is short): X (N, L) of
    /// ids and Y (N, L, V) one-hot next characters.</summary>
    public (Tensor<T> X, Tensor<T> Y) Windows<T>(int length) where T : unmanaged, IFloatingPointIeee754<T> => _tokens.Windows<T>(length, ..);

    /// <summary>As <see cref="Windows{T}(int)"/> within the characters <paramref name="range"/> of the text only (a held-out
    /// tail for validation, say), with the whole text's vocabulary.</summary>
    public (Tensor<T> X, Tensor<T> Y) Windows<T>(int length, Range range) where T : unmanaged, IFloatingPointIeee754<T> => _tokens.Windows<T>(length, range);
}
