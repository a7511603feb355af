using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data.Tokens;

/// <summary>A training text as token ids for a language model: line ends normalised to '\n', then
/// ids = tokenizer.Encode(text). Training pairs are windows of L ids X⟨1…L⟩ and the next ids Y⟨t⟩ = X⟨t+1⟩, one-hot over
/// the V ids.</summary>
public sealed class TokenText
{
    /// <summary>Fits a tokenizer of kind <paramref name="tokenizer"/> to <paramref name="text"/> and encodes it.</summary>
    public TokenText(string tokenizer, string text) : this(Normalise(text), t => Tokenization.Fit(tokenizer, t)) { }

    /// <summary>Encodes <paramref name="text"/> with a given <paramref name="tokenizer"/>.</summary>
    public TokenText(ITokenizer tokenizer, string text) : this(Normalise(text), _ => tokenizer) { }

    private TokenText(string text, Func<string, ITokenizer> tokenizer)
    {
        if (text.Length < 2) throw new ArgumentException("The text needs at least two characters to learn from.");
        Text = text;
        Tokenizer = tokenizer(text);
        Ids = Tokenizer.Encode(text);
        if (Ids.Length < 2) throw new ArgumentException($"The text is {Ids.Length} {Tokenizer.Unit}; it needs at least two to learn from.");
    }

    /// <summary>The text, line ends normalised.</summary>
    public string Text { get; }

    public ITokenizer Tokenizer { get; }

    /// <summary>The text's ids, in order.</summary>
    public int[] Ids { get; }

    /// <summary>Non-overlapping windows of <paramref name="length"/> ids (fewer when the text is short), within the ids
    /// <paramref name="range"/> (a held-out tail for validation, say): X (N, L) of ids and Y (N, L, V) one-hot next ids,
    /// N = ⌊(n − 1) / L⌋ for n ids in the range.</summary>
    public (Tensor<T> X, Tensor<T> Y) Windows<T>(int length, Range range) where T : unmanaged, IFloatingPointIeee754<T> =>
        Windows<T>(length, range, stride: length);

    /// <summary>Windows of <paramref name="length"/> ids that start every <paramref name="stride"/> ids within
    /// <paramref name="range"/>: N = ⌊(n − 1 − L) / s⌋ + 1 of them (⌊(n − 1) / L⌋ for s = L, non-overlapping). A stride
    /// below L overlaps them, so each id is seen at L / s places of the context.</summary>
    public (Tensor<T> X, Tensor<T> Y) Windows<T>(int length, Range range, int stride) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "A window needs at least one token.");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "Windows need a stride of at least one token.");
        var (start, span) = range.GetOffsetAndLength(Ids.Length);
        if (span < 2) throw new ArgumentException($"A range of {span} {Tokenizer.Unit} is too short for a window and its next one.", nameof(range));
        length = Math.Min(length, span - 1);
        int count = (span - 1 - length) / stride + 1, v = Tokenizer.VocabularySize;
        var (x, y) = (Tensor<T>.Zeros(count, length), Tensor<T>.Zeros(count, length, v));
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        for (int n = 0; n < count; n++)
            for (int t = 0; t < length; t++)
            {
                int at = start + n * stride + t;
                xs[n * length + t] = T.CreateChecked(Ids[at]);
                ys[(n * length + t) * v + Ids[at + 1]] = T.One;
            }
        return (x, y);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');
}
