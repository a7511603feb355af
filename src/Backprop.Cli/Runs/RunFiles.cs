using Backprop.Cli.Output;
using Backprop.Layers;
using Backprop.Models;

namespace Backprop.Cli.Runs;

/// <summary>Where a run's model goes, the same for every run: --out when it finished, was stopped or interrupted (the
/// model so far), and never for a diverged run, whose last finite parameters go to NAME.diverged.bp beside --out.</summary>
public static class RunFiles
{
    /// <summary>Writes the model for <paramref name="outcome"/> and returns the path written.</summary>
    public static string Save(TrainSettings s, RunOutcome outcome, Module<float> model, IReadOnlyDictionary<string, string> metadata, TextWriter stderr)
    {
        if (outcome.End != RunEnd.Diverged)
        {
            ModelFile.Save(s.Out, model, metadata);
            return s.Out;
        }
        ModelFile.Save(s.DivergedPath, model, metadata);
        stderr.WriteLine($"backprop: {outcome.Reason} {s.Out} was not written; the last finite parameters were kept in {s.DivergedPath}.");
        return s.DivergedPath;
    }

    /// <summary>Fails before any work when <paramref name="path"/> cannot be written: its folder is missing or it is a folder.</summary>
    public static void CheckOutputFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw CliException.BadInput($"cannot write '{path}': folder '{folder}' does not exist.");
        if (Directory.Exists(path)) throw CliException.BadInput($"cannot write '{path}': it is a folder.");
    }
}
