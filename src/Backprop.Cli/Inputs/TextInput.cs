using System.Text.Json;
using Backprop.Cli.Output;
using Backprop.Data.Tokens;
using Backprop.Defaults;

namespace Backprop.Cli.Inputs;

/// <summary>A plain text file (<c>.txt</c>, or any file with <c>--task text</c>) for a language model: its tokens under
/// <c>--tokenizer</c> (<see cref="Tokenization"/>), at most <see cref="MaxCharacters"/> distinct ones for characters. A
/// saved text model stores the tokenizer's kind under <see cref="TokenizerKey"/> and its vocabulary under
/// <see cref="VocabularyKey"/>; a file without the kind (written before tokenizers had names) is a character model.</summary>
public sealed class TextInput : InputKind
{
    /// <summary>More distinct characters than this is not text a character model can learn (a binary file, most likely).</summary>
    public const int MaxCharacters = 512;

    /// <summary>The model file's metadata keys of the tokenizer's kind and of its <see cref="ITokenizer.VocabularyJson"/>.</summary>
    public const string TokenizerKey = "tokenizer", VocabularyKey = "vocabulary";

    public override string Name => "text";

    public override bool Reads(string path) => path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of <paramref name="path"/> as the tokens of a <paramref name="tokenizer"/> fitted to it (null:
    /// <see cref="TrainingDefaults.Text.Tokenizer"/>).</summary>
    public static TokenText Load(string path, string? tokenizer)
    {
        if (!File.Exists(path)) throw CliException.BadInput($"--data '{path}': no such file.");
        TokenText text;
        try { text = new TokenText(tokenizer ?? TrainingDefaults.Text.Tokenizer, File.ReadAllText(path)); }
        catch (ArgumentException e) { throw CliException.BadInput($"--data '{path}': {e.Message}"); }
        if (text.Tokenizer is CharTokenizer && text.Tokenizer.VocabularySize > MaxCharacters)
            throw CliException.BadInput($"--data '{path}': {text.Tokenizer.VocabularySize} distinct characters; a character model takes at most {MaxCharacters} (is it a text file?).");
        // The targets are one-hot, n × V values in one tensor: a long text on a large GPT-2 vocabulary can pass what an array holds.
        if ((long)text.Ids.Length * text.Tokenizer.VocabularySize > Array.MaxLength)
            throw CliException.BadInput($"--data '{path}': {text.Ids.Length:N0} {text.Tokenizer.Unit} with a vocabulary of {text.Tokenizer.VocabularySize:N0} make {(long)text.Ids.Length * text.Tokenizer.VocabularySize:N0} one-hot targets, more than one tensor holds ({Array.MaxLength:N0}); train on a shorter text.");
        return text;
    }

    /// <summary>The tokenizer a text model was trained with, from its metadata; null when the file holds no vocabulary.</summary>
    public static ITokenizer? TokenizerOf(IReadOnlyDictionary<string, string> metadata, string modelPath)
    {
        if (!metadata.TryGetValue(VocabularyKey, out var vocabulary)) return null;
        var kind = metadata.GetValueOrDefault(TokenizerKey) ?? CharTokenizer.Kind;
        try { return Tokenization.Restore(kind, vocabulary); }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            throw CliException.BadInput($"{modelPath}: the '{TokenizerKey}' or '{VocabularyKey}' metadata is damaged ({e.Message})");
        }
    }
}
