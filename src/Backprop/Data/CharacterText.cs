using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>A text as characters for a character-level model: the vocabulary is the sorted distinct characters (the
/// course's <c>sorted(set(data))</c>), each character's id its place in it; training pairs are windows of L ids X⟨1…L⟩ and
/// the next characters Y⟨t⟩ = X⟨t+1⟩, one-hot.</summary>
public sealed class CharacterText
{
    private readonly Dictionary<char, int> _index;

    /// <summary>Reads <paramref name="text"/> (line ends normalised to '\n').</summary>
    public CharacterText(string text)
    {
        Text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        if (Text.Length < 2) throw new ArgumentException("The text needs at least two characters to learn from.");
        Vocabulary = new string(Text.Distinct().Order().ToArray());
        _index = Vocabulary.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    /// <summary>The text, line ends normalised.</summary>
    public string Text { get; }

    /// <summary>The distinct characters in order; character id i is Vocabulary[i].</summary>
    public string Vocabulary { get; }

    /// <summary>The id of <paramref name="c"/>.</summary>
    public int IdOf(char c) => _index[c];

    /// <summary>Non-overlapping windows of <paramref name="length"/> characters (fewer when the text is short): X (N, L) of
    /// ids and Y (N, L, V) one-hot next characters.</summary>
    public (Tensor<T> X, Tensor<T> Y) Windows<T>(int length) where T : unmanaged, IFloatingPointIeee754<T> => Windows<T>(length, ..);

    /// <summary>As <see cref="Windows{T}(int)"/> within the characters <paramref name="range"/> of the text only (a held-out
    /// tail for validation, say), with the whole text's vocabulary.</summary>
    public (Tensor<T> X, Tensor<T> Y) Windows<T>(int length, Range range) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "A window needs at least one character.");
        var (start, span) = range.GetOffsetAndLength(Text.Length);
        if (span < 2) throw new ArgumentException($"A range of {span} characters is too short for a window and its next character.", nameof(range));
        length = Math.Min(length, span - 1);
        int count = (span - 1) / length, v = Vocabulary.Length;
        var (x, y) = (Tensor<T>.Zeros(count, length), Tensor<T>.Zeros(count, length, v));
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        for (int n = 0; n < count; n++)
            for (int t = 0; t < length; t++)
            {
                int at = start + n * length + t;
                xs[n * length + t] = T.CreateChecked(_index[Text[at]]);
                ys[(n * length + t) * v + _index[Text[at + 1]]] = T.One;
            }
        return (x, y);
    }
}
