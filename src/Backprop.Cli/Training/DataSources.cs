using Backprop.Models;
using Backprop.Data;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Cli.Training;

/// <summary>Turns <c>--data</c> into training data by its kind: nothing → the course's planar flower generated in code;
/// <c>.csv</c> → a table (encoded, imputed and standardised on the training split only); <c>.h5</c> → course-format
/// images; <c>*-images-idx3-ubyte(.gz)</c> → MNIST-style images with the matching labels file; a folder → one
/// sub-folder per class of images, resized to 64×64.</summary>
public static class DataSources
{
    public const int ImageSize = 64;

    /// <summary>The generator seed of the planar default's test flower (the training flower is the course's, seed 1).</summary>
    public const uint PlanarTestSeed = 2;

    public static PreparedData LoadForTraining(TrainSettings s)
    {
        if (s.DataPath is not null && DatasetShortcut.Resolve(s.DataPath, test: false, s.Mode != Output.OutputMode.Human, Console.Error) is { } named)
            s = s with { DataPath = named.Path.Length == 0 ? null : named.Path, Target = s.Target ?? named.Target };
        if (s.DataPath is null) return Planar(s);
        var path = s.DataPath;
        if (Directory.Exists(path)) return Images(s, ImageFolder.Load<float>(path, ImageSize, ImageSize), "image-folder");
        if (!File.Exists(path)) throw CliException.BadInput($"--data '{path}': no such file or folder.");
        if (IsTable(path)) return Table(s);
        if (path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase))
            return Images(s, CatVsNonCat.Read<float>(path, s.XKey ?? GuessKey(path, "x"), s.YKey ?? GuessKey(path, "y")), "hdf5");
        if (path.Contains("idx3", StringComparison.OrdinalIgnoreCase))
            return Images(s, Idx.Load<float>(path, LabelsFileFor(path)), "idx");
        throw CliException.BadInput($"--data '{path}': unknown kind of file; use a .csv table, a course .h5 file, an MNIST *-images-idx3-ubyte(.gz) file or a folder of images.");
    }

    private static PreparedData Planar(TrainSettings s)
    {
        // The course's 400 points are all for training; the test set is a fresh draw of the same flower (seed 2), which
        // measures generalisation on 400 points instead of on a 20 % split of 80, where one point moves accuracy 1.25 %.
        var train = Backprop.Data.Planar.Generate<float>();
        var test = s.TestSplit > 0 ? Backprop.Data.Planar.Generate<float>(seed: PlanarTestSeed) : null;
        return new PreparedData(train, test, s.Task ?? ModelTask.BinaryClassification, Backprop.Data.Planar.ClassNames, "planar",
            new Dictionary<string, string> { ["source"] = "planar", ["input"] = "features" },
            [$"no --data: training on the course's planar flower (400 points, generated in code, seed 1){(test is null ? "" : $" and testing on a fresh flower of 400 points (seed {PlanarTestSeed})")}"]);
    }

    private static PreparedData Table(TrainSettings s)
    {
        var options = new TableOptions { TestFraction = s.TestSplit, Seed = s.Seed, Task = s.Task?.Target, Separator = Separator(s.DataPath!), DropMissing = s.DropMissing, Keep = s.Keep };
        var table = CsvTable.Load<float>(s.DataPath!, s.Target!, options);
        var p = table.Preprocessor;
        var task = ModelTask.For(p.Target.Kind);
        var train = task == ModelTask.MulticlassClassification ? table.Train.WithOneHotTargets(p.Target.Classes.Length) : table.Train;
        Dataset<float>? test = table.Test.Count == 0 ? null : task == ModelTask.MulticlassClassification ? table.Test.WithOneHotTargets(p.Target.Classes.Length) : table.Test;
        var metadata = new Dictionary<string, string> { ["source"] = "csv", ["input"] = "csv", ["preprocessing"] = p.ToJson() };
        if (task == ModelTask.Regression) metadata[TargetScale.MetadataKey] = new TargetScale(p.Target.Mean, p.Target.Scale).ToJson();
        var notes = table.Imputed.Select(i => $"imputed {i}").ToList();
        if (p.LeftOut.Length > 0)
            notes.Add($"left out {string.Join(", ", p.LeftOut.Select(c => $"'{c.Name}' ({c.Reason})"))}; --keep {string.Join(",", p.LeftOut.Select(c => c.Name))} uses them anyway");
        return new PreparedData(train, test, task, p.ClassNames, "csv", metadata, notes);
    }

    private static PreparedData Images(TrainSettings s, Dataset<float> all, string kind)
    {
        var labels = all.Labels();
        int classes = Math.Max(labels.Max() + 1, all.ClassNames?.Count ?? 0);
        if (classes < 2) throw CliException.BadInput($"--data '{s.DataPath}': the labels have a single class; a classifier needs at least two.");
        var task = s.Task ?? (classes == 2 ? ModelTask.BinaryClassification : ModelTask.MulticlassClassification);
        if (task == ModelTask.Regression) throw CliException.Usage("--task regression needs a CSV table; image labels are classes.");
        if (task == ModelTask.BinaryClassification && classes > 2) throw CliException.Usage($"--task binary, but the labels have {classes} classes.");
        var data = task == ModelTask.MulticlassClassification && all.Y.Dim(-1) == 1 || all.Y.Rank == 1 ? all.WithOneHotTargets(classes) : all;
        var (train, test) = s.TestSplit > 0 ? data.Split(s.TestSplit, new NumpyRandom(s.Seed)) : (data, null);
        var metadata = new Dictionary<string, string> { ["source"] = kind, ["input"] = "image" };
        if (kind == "image-folder") metadata["image_size"] = $"{ImageSize}x{ImageSize}";
        if (ConvNetPlan.ImageShape(all.FeatureCount) is { } shape) metadata[ConvNetPlan.InputShapeKey] = string.Join(",", shape);
        return new PreparedData(train, test, task, all.ClassNames ?? Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray(), kind, metadata, []);
    }

    /// <summary>A .csv or .tsv table.</summary>
    public static bool IsTable(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Tab for .tsv, comma otherwise.</summary>
    public static char Separator(string path) => path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';

    private static string GuessKey(string path, string which)
    {
        var stem = Path.GetFileName(path).StartsWith("test", StringComparison.OrdinalIgnoreCase) ? "test" : "train";
        return which == "x" ? $"{stem}_set_x" : $"{stem}_set_y";
    }

    internal static string LabelsFileFor(string imagesPath)
    {
        var name = Path.GetFileName(imagesPath);
        var labels = name.Replace("images-idx3", "labels-idx1", StringComparison.OrdinalIgnoreCase).Replace("images.idx3", "labels.idx1", StringComparison.OrdinalIgnoreCase);
        var path = Path.Combine(Path.GetDirectoryName(imagesPath) ?? ".", labels);
        if (labels == name || !File.Exists(path)) throw CliException.BadInput($"--data '{imagesPath}': the matching labels file '{labels}' was not found beside it.");
        return path;
    }
}
