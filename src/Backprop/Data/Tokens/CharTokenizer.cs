using System.Text.Json;

namespace Backprop.Data.Tokens;

/// <summary>One token per character: the vocabulary is a string of distinct characters, and character c has the id of
/// its place, i(c) = Vocabulary.IndexOf(c). Fitted to a text it is the text's sorted distinct characters (the course's
/// <c>sorted(set(data))</c>); stored as that string.</summary>
public sealed class CharTokenizer : ITokenizer
{
    public const string Kind = "char";

    private readonly Dictionary<char, int> _index;

    /// <param name="vocabulary">The characters, each once; id i is vocabulary[i].</param>
    public CharTokenizer(string vocabulary)
    {
        if (vocabulary.Length == 0) throw new ArgumentException("A character vocabulary needs at least one character.", nameof(vocabulary));
        _index = new Dictionary<char, int>(vocabulary.Length);
        for (int i = 0; i < vocabulary.Length; i++)
            if (!_index.TryAdd(vocabulary[i], i))
                throw new ArgumentException($"The character vocabulary holds '{vocabulary[i]}' twice.", nameof(vocabulary));
        Vocabulary = vocabulary;
    }

    /// <summary>The sorted distinct characters of <paramref name="text"/>.</summary>
    public static CharTokenizer Fit(string text) => new(new string(text.Distinct().Order().ToArray()));

    /// <summary>The characters in id order.</summary>
    public string Vocabulary { get; }

    public string Name => Kind;
    public string Unit => "characters";
    public int VocabularySize => Vocabulary.Length;
    public string VocabularyJson => JsonSerializer.Serialize(Vocabulary);

    public int[] Encode(string text)
    {
        var ids = new int[text.Length];
        for (int t = 0; t < text.Length; t++)
            ids[t] = _index.TryGetValue(text[t], out int id) ? id : throw new ArgumentException($"The character '{text[t]}' is not in the model's vocabulary.");
        return ids;
    }

    public string Decode(IReadOnlyList<int> ids) => new(IdLookup.Map(ids, Vocabulary.Length, id => Vocabulary[id]));

    public int? IdOf(string piece) => piece.Length == 1 && _index.TryGetValue(piece[0], out int id) ? id : null;

    /// <summary>The tokenizer stored as <paramref name="json"/> (a JSON string of the characters).</summary>
    public static CharTokenizer FromJson(string json) =>
        new(JsonSerializer.Deserialize<string>(json) ?? throw new ArgumentException("The character vocabulary is missing."));
}
