using System.Globalization;
using System.Text.Json;
using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Defaults;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.Cli.Inputs;

/// <summary>A folder with one sub-folder of images per class, streamed: nothing is decoded before training, and each
/// batch's images are decoded on worker threads ahead of the step (<see cref="ImageFileExamples{T}"/>), so memory does not
/// grow with the folder. Each image is centre-cropped to a square and resized to s × s, s = --image-size or
/// <see cref="TrainingDefaults.ImageSide"/>(median of max(width, height)), read from the headers; one channel when every
/// image is greyscale, else RGB. s is stored in the model as <see cref="SizeKey"/> = "s x s" and the shape as
/// <see cref="PreparedData.InputShapeKey"/>, so evaluate and predict read new images the same way.</summary>
public sealed class ImageFolderInput : ImageInput
{
    /// <summary>The metadata key of the resize, "64x64" (width x height).</summary>
    public const string SizeKey = "image_size";

    public override string Name => "image-folder";

    public override bool Reads(string path) => Directory.Exists(path);

    public override PreparedData ForNetwork(InputRequest r)
    {
        var (files, classes) = ImageFolder.List(r.Path!);
        var survey = ImageFolder.Survey(files.Select(f => f.Path), TrainingDefaults.ImageSize);
        var notes = new List<string>();
        if (survey.Unreadable.Count > 0)
        {
            if (!r.SkipBadImages)
                throw CliException.BadInput($"--data '{r.Path}': '{survey.Unreadable[0]}' is not an image this tool can read"
                    + (survey.Unreadable.Count > 1 ? $" (nor are {survey.Unreadable.Count - 1} more files)" : "") + "; remove it, or give --skip-bad-images to leave such files out.");
            var bad = survey.Unreadable.ToHashSet(StringComparer.Ordinal);
            notes.AddRange(survey.Unreadable.Select(path => $"note: skipped '{path}': not an image this tool can read."));
            files = files.Where(f => !bad.Contains(f.Path)).ToList();
            var present = files.Select(f => f.Label).ToHashSet();
            foreach (int c in Enumerable.Range(0, classes.Length).Where(c => !present.Contains(c)))
                throw CliException.BadInput($"--data '{r.Path}': class folder '{classes[c]}' has no readable images left after --skip-bad-images.");
        }
        int side = r.ImageSize ?? TrainingDefaults.ImageSide(survey.MedianSide);
        var task = r.Task ?? (classes.Length == 2 ? ModelTask.BinaryClassification : ModelTask.MulticlassClassification);
        if (task == ModelTask.Regression) throw CliException.Usage("--task regression needs a CSV table; image labels are classes.");
        if (task == ModelTask.BinaryClassification && classes.Length > 2) throw CliException.Usage($"--task binary, but '{r.Path}' has {classes.Length} class folders.");
        var options = new ImageStreamOptions { OneHot = task == ModelTask.MulticlassClassification, CacheBytes = TrainingDefaults.ImageCacheBytes };
        IExampleSet<float> all = new ImageFileExamples<float>((files, classes), side, side, survey.Channels, options);
        IExampleSet<float>? test = null;
        if (r.TestSplit > 0)
        {
            var (trainRows, testRows) = DataSplit.Indices(all.Count, r.TestSplit, new NumpyRandom(r.Seed));
            (all, test) = (all.Take(trainRows), all.Take(testRows));
        }
        var metadata = new Dictionary<string, string>
        {
            ["source"] = Name, ["input"] = "image", [SizeKey] = $"{side}x{side}",
            [PreparedData.InputShapeKey] = string.Join(",", side, side, survey.Channels),
        };
        if (side != survey.MedianSide && r.ImageSize is null)
            notes.Add($"Images are centre-cropped and resized to {side} × {side} (their median side is {survey.MedianSide}); --image-size changes it.");
        return new PreparedData(all, test, task, classes, Name, metadata, notes);
    }

    public override ModelData ForModel(ModelRequest r)
    {
        var (width, height, channels) = StoredShape(r.Model.Metadata);
        if (r.Model.InputSize != width * height * channels)
            throw CliException.BadInput($"--model '{r.ModelPath}' expects {r.Model.InputSize} inputs, not {width}×{height}×{channels} images.");
        var (files, classes) = ImageFolder.List(r.DataPath, minimumClasses: 1);
        var known = ModelClasses(r);
        if (known is not null) files = Relabel(r, files, classes, known);
        var options = new ImageStreamOptions { OneHot = r.Model.OutputSize > 1 };
        var examples = new ImageFileExamples<float>((files, known ?? classes), width, height, channels, options);
        return new ModelData(examples, r.NeedTargets, files.Select(f => Path.GetRelativePath(r.DataPath, f.Path)).ToArray());
    }

    /// <summary>(width, height, channels) a model's images are read as: its <see cref="SizeKey"/> (or
    /// <see cref="TrainingDefaults.ImageSize"/>² for a model written before the size came from the data) and the channels of
    /// its <see cref="PreparedData.InputShapeKey"/> (3 when it has none).</summary>
    public static (int Width, int Height, int Channels) StoredShape(IReadOnlyDictionary<string, string> metadata)
    {
        var (width, height) = (TrainingDefaults.ImageSize, TrainingDefaults.ImageSize);
        if (metadata.TryGetValue(SizeKey, out var text) && text.Split('x') is [var w, var h]
            && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int sw)
            && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out int sh) && sw > 0 && sh > 0)
            (width, height) = (sw, sh);
        int channels = metadata.TryGetValue(PreparedData.InputShapeKey, out var shape) && shape.Split(',') is [_, _, var c]
            && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is 1 or 3 ? n : 3;
        return (width, height, channels);
    }

    /// <summary>The model's class names, or null when it stores none.</summary>
    private static string[]? ModelClasses(ModelRequest r)
    {
        if (!r.Model.Metadata.TryGetValue("classes", out var json)) return null;
        try { return JsonSerializer.Deserialize<string[]>(json); }
        catch (JsonException) { throw CliException.BadInput($"--model '{r.ModelPath}': its stored class names are not a JSON list of strings."); }
    }

    /// <summary>Labels by class name, so a held-out folder with fewer (or differently ordered) class folders is scored
    /// against the model's own classes; a folder the model does not know is an error naming it.</summary>
    private static IReadOnlyList<(string Path, int Label)> Relabel(ModelRequest r, IReadOnlyList<(string Path, int Label)> files, string[] classes, string[] known)
    {
        var index = new int[classes.Length];
        for (int c = 0; c < classes.Length; c++)
        {
            index[c] = Array.IndexOf(known, classes[c]);
            if (index[c] < 0 && r.NeedTargets)
                throw CliException.BadInput($"--data '{r.DataPath}': class folder '{classes[c]}' is not one of the model's classes ({string.Join(", ", known)}).");
        }
        return files.Select(f => (f.Path, Math.Max(0, index[f.Label]))).ToList();
    }

    protected override Dataset<float> Load(string path, string? xKey, string? yKey) =>
        throw new InvalidOperationException("An image folder is streamed; it is never loaded whole.");
}
