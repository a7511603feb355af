using Backprop.Cli.Output;
using Backprop.Data;

namespace Backprop.Cli.Inputs;

/// <summary>A plain text file (<c>.txt</c>, or any file with <c>--task text</c>) for a character model: its characters,
/// at most <see cref="MaxCharacters"/> distinct ones.</summary>
public sealed class TextInput : InputKind
{
    /// <summary>More distinct characters than this is not text a character model can learn (a binary file, most likely).</summary>
    public const int MaxCharacters = 512;

    public override string Name => "text";

    public override bool Reads(string path) => path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of <paramref name="path"/>, with its vocabulary.</summary>
    public static CharacterText Load(string path)
    {
        if (!File.Exists(path)) throw CliException.BadInput($"--data '{path}': no such file.");
        CharacterText text;
        try { text = new CharacterText(File.ReadAllText(path)); }
        catch (ArgumentException e) { throw CliException.BadInput($"--data '{path}': {e.Message}"); }
        if (text.Vocabulary.Length > MaxCharacters)
            throw CliException.BadInput($"--data '{path}': {text.Vocabulary.Length} distinct characters; a character model takes at most {MaxCharacters} (is it a text file?).");
        return text;
    }
}
