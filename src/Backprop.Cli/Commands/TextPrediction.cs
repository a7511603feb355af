using Backprop.Cli.Output;
using System.Globalization;
using System.Text;
using Backprop.Cli.Inputs;
using Backprop.Models;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop predict</c> on a text model: for each line of --data, the most likely next token
/// argmax P(next | '\n' + line) (a character, or a GPT-2 token for a gpt2 model, decoded by the stored tokenizer) and its
/// probability, as CSV (row,text,next,probability); a transformer reads the last T_max tokens of each. A line that does
/// not encode to tokens of the model's vocabulary (a character, or a GPT-2 token, the training text never had) is a
/// one-line error naming the line and the token.</summary>
public static class TextPrediction
{
    /// <summary>Whether the model was trained by <c>backprop train --task text</c>.</summary>
    public static bool Applies(LoadedModel<float> loaded) => loaded.Metadata.TryGetValue("task", out var task) && task == "text";

    public static string Csv(LoadedModel<float> loaded, string modelPath, string dataPath)
    {
        if (!File.Exists(dataPath)) throw CliException.BadInput($"--data '{dataPath}': no such file.");
        var tokenizer = TextInput.TokenizerOf(loaded.Metadata, modelPath)
            ?? throw CliException.BadInput($"{modelPath}: the text model has no '{TextInput.VocabularyKey}' metadata.");
        bool lines = tokenizer.IdOf("\n") is not null;
        var sb = new StringBuilder("row,text,next,probability\n");
        var rows = File.ReadAllText(dataPath).Replace("\r\n", "\n").Split('\n');
        for (int row = 0; row < rows.Length; row++)
        {
            var context = lines ? "\n" + rows[row] : rows[row];
            if (context.Length == 0) continue;
            double[] p;
            try
            {
                var ids = tokenizer.Encode(context);
                // A transformer reads at most its context: the line's last T_max tokens.
                if (loaded.Model is Sequential<float> network && CharacterModel.ContextOf(network) is { } window && ids.Length > window)
                    ids = ids[^window..];
                p = TokenModel.NextProbabilities(loaded.Model, tokenizer.VocabularySize, ids);
            }
            catch (ArgumentException e) { throw CliException.BadInput($"--data '{dataPath}', line {row + 1}: {e.Message}"); }
            int best = Array.IndexOf(p, p.Max());
            sb.Append(CultureInfo.InvariantCulture, $"{row + 1},{Quote(rows[row])},{Quote(tokenizer.Decode([best]).Replace("\n", "\\n"))},{p[best]:G6}\n");
        }
        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}
