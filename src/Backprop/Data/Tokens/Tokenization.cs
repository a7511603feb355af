namespace Backprop.Data.Tokens;

/// <summary>The tokenizer kinds by name: <see cref="CharTokenizer"/> ("char", one id per character) and
/// <see cref="Gpt2Tokenizer"/> ("gpt2", GPT-2's BPE on the ids the text uses). <see cref="Fit"/> builds one from a
/// training text; <see cref="Restore"/> rebuilds it from what a model file stores, so encode and decode agree with
/// training.</summary>
public static class Tokenization
{
    /// <summary>The kinds, as <c>--tokenizer</c> takes them.</summary>
    public static IReadOnlyList<string> Names { get; } = [CharTokenizer.Kind, Gpt2Tokenizer.Kind];

    /// <summary>A tokenizer of kind <paramref name="name"/> whose vocabulary is that of <paramref name="text"/>.</summary>
    public static ITokenizer Fit(string name, string text) => name switch
    {
        CharTokenizer.Kind => CharTokenizer.Fit(text),
        Gpt2Tokenizer.Kind => Gpt2Tokenizer.Fit(text),
        _ => throw Unknown(name),
    };

    /// <summary>The tokenizer of kind <paramref name="name"/> stored as <paramref name="vocabularyJson"/>
    /// (<see cref="ITokenizer.VocabularyJson"/>); a damaged vocabulary throws <see cref="ArgumentException"/> or
    /// <see cref="System.Text.Json.JsonException"/>.</summary>
    public static ITokenizer Restore(string name, string vocabularyJson) => name switch
    {
        CharTokenizer.Kind => CharTokenizer.FromJson(vocabularyJson),
        Gpt2Tokenizer.Kind => Gpt2Tokenizer.FromJson(vocabularyJson),
        _ => throw Unknown(name),
    };

    private static ArgumentException Unknown(string name) =>
        new($"'{name}' is not a tokenizer; use {string.Join(" or ", Names)}.", nameof(name));
}
