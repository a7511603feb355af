using Backprop.Cli.Commands;
using Backprop.Data;

namespace Backprop.Cli.Training;

/// <summary><c>--data NAME</c> for a catalogued data set (when no file or folder of that name exists): the set's files,
/// downloaded on first use, stand in for the path. Training reads the training file (and splits its own test part);
/// evaluate and predict read the set's test file. Housing's target defaults to <c>median_house_value</c>.</summary>
public static class DatasetShortcut
{
    /// <summary>Null when <paramref name="data"/> is a path or no catalogue name; "" for the generated planar set;
    /// otherwise the file to read and the default target column.</summary>
    public static (string Path, string? Target)? Resolve(string data, bool test, bool quiet, TextWriter err)
    {
        if (File.Exists(data) || Directory.Exists(data)) return null;
        var entry = DatasetCatalog.Find(data);
        if (entry is null) return null;
        if (entry.Generated) return ("", null);
        if (entry.Name == "dinosaur-names")
            throw CliException.BadInput($"--data {entry.Name}: a list of names for sequence models; train, evaluate and predict take tables and images.");
        var files = DatasetsCommand.Fetch(entry, null, null, quiet, err);
        return entry.Name switch
        {
            "housing" => (files[0], "median_house_value"),
            "mnist" or "fashion-mnist" => (files[test ? 2 : 0], null),
            _ => (files[test ? 1 : 0], null),
        };
    }
}
