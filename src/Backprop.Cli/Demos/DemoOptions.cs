using Backprop.Cli.Output;
using System.CommandLine;

namespace Backprop.Cli.Demos;

/// <summary>The options every demo shares (<c>--out DIR</c>) and the checks on numeric flags, which turn a bad value into
/// one line and exit code 2.</summary>
public static class DemoOptions
{
    public static Option<string> Out() =>
        new("--out") { Description = "Folder for the demo's picture (created if missing).", DefaultValueFactory = _ => "." };

    public static Option<int> Int(string name, int defaultValue, string description) =>
        new(name) { Description = $"{description} (default {defaultValue}).", DefaultValueFactory = _ => defaultValue };

    /// <summary>The full path of <paramref name="fileName"/> in the <c>--out</c> folder, which is created if missing.</summary>
    public static string OutputPath(string folder, string fileName)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw CliException.Usage($"--out '{folder}' is a file; give a folder.");
        Directory.CreateDirectory(full);
        return Path.Combine(full, fileName);
    }

    /// <summary>The value, or a usage error naming the flag when it is below <paramref name="minimum"/>.</summary>
    public static int AtLeast(int value, int minimum, string flag) =>
        value >= minimum ? value : throw CliException.Usage($"{flag} must be at least {minimum}, got {value}.");

    /// <summary>A comma-separated list of positive integers (e.g. <c>100,1000,60000</c>), ascending; an empty element is an error.</summary>
    public static int[] Sizes(string text, string flag)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new List<int>();
        foreach (var part in parts)
            if (int.TryParse(part, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0) sizes.Add(n);
            else throw CliException.Usage($"{flag} takes positive whole numbers separated by commas, got '{part}'.");
        if (sizes.Count == 0) throw CliException.Usage($"{flag} needs at least one size.");
        return sizes.Distinct().Order().ToArray();
    }
}
