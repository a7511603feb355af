using Backprop.Cli.Output;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Models;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop predict</c> on a text model: for each line of --data, the most likely next character
/// argmax P(next | '\n' + line) and its probability, as CSV (row,text,next,probability); a transformer reads the last
/// T_max characters of each.</summary>
public static class TextPrediction
{
    /// <summary>Whether the model was trained by <c>backprop train --task text</c>.</summary>
    public static bool Applies(LoadedModel<float> loaded) => loaded.Metadata.TryGetValue("task", out var task) && task == "text";

    public static string Csv(LoadedModel<float> loaded, string dataPath)
    {
        if (!File.Exists(dataPath)) throw CliException.BadInput($"--data '{dataPath}': no such file.");
        var vocabulary = JsonSerializer.Deserialize<string>(loaded.Metadata["vocabulary"]) ?? "";
        var sb = new StringBuilder("row,text,next,probability\n");
        var lines = File.ReadAllText(dataPath).Replace("\r\n", "\n").Split('\n');
        for (int row = 0; row < lines.Length; row++)
        {
            var context = vocabulary.Contains('\n') ? "\n" + lines[row] : lines[row];
            if (context.Length == 0) continue;
            // A transformer reads at most its context: the line's last T_max characters.
            if (loaded.Model is Sequential<float> network && CharacterModel.ContextOf(network) is { } window && context.Length > window)
                context = context[^window..];
            double[] p;
            try { p = CharacterModel.NextProbabilities(loaded.Model, vocabulary, context); }
            catch (ArgumentException e) { throw CliException.BadInput($"--data '{dataPath}', line {row + 1}: {e.Message}"); }
            int best = Array.IndexOf(p, p.Max());
            sb.Append(CultureInfo.InvariantCulture, $"{row + 1},{Quote(lines[row])},{Quote(vocabulary[best] == '\n' ? "\\n" : vocabulary[best].ToString())},{p[best]:G6}\n");
        }
        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}
