using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Defaults;
using Backprop.Models;
using Backprop.Randomness;

namespace Backprop.Cli.Inputs;

/// <summary>Labelled images, read by a subclass (HDF5, IDX, a folder) as flattened rows, feature = (i·n_W + j)·n_C + c:
/// binary for two classes, multiclass (one-hot) for more, split into train and test by the seed. The image shape is
/// stored as <see cref="PreparedData.InputShapeKey"/>, which the default CNN and <c>summary</c> read.</summary>
public abstract class ImageInput : InputKind
{
    /// <summary>Photos get <see cref="TrainingDefaults.Augment.Photos"/>.</summary>
    public override string DefaultAugmentation => TrainingDefaults.Augment.Photos;

    /// <summary>Every image and its label; <paramref name="forModel"/> picks a test file's keys where the kind has them.</summary>
    protected abstract Dataset<float> Load(string path, string? xKey, string? yKey);

    public override PreparedData ForNetwork(InputRequest r)
    {
        var all = Load(r.Path!, r.XKey, r.YKey);
        var labels = all.Labels();
        int classes = Math.Max(labels.Max() + 1, all.ClassNames?.Count ?? 0);
        if (classes < 2) throw CliException.BadInput($"--data '{r.Path}': the labels have a single class; a classifier needs at least two.");
        var task = r.Task ?? (classes == 2 ? ModelTask.BinaryClassification : ModelTask.MulticlassClassification);
        if (task == ModelTask.Regression) throw CliException.Usage("--task regression needs a CSV table; image labels are classes.");
        if (task == ModelTask.BinaryClassification && classes > 2) throw CliException.Usage($"--task binary, but the labels have {classes} classes.");
        var data = task == ModelTask.MulticlassClassification && all.Y.Dim(-1) == 1 || all.Y.Rank == 1 ? all.WithOneHotTargets(classes) : all;
        var (train, test) = r.TestSplit > 0 ? data.Split(r.TestSplit, new NumpyRandom(r.Seed)) : (data, null);
        var metadata = new Dictionary<string, string> { ["source"] = Name, ["input"] = "image" };
        foreach (var (key, value) in ExtraMetadata(r.Path!)) metadata[key] = value;
        if (ImageShape(all.FeatureCount) is { } shape) metadata[PreparedData.InputShapeKey] = string.Join(",", shape);
        return PreparedData.InMemory(train, test, task, all.ClassNames ?? Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray(), Name, metadata, []);
    }

    public override ModelData ForModel(ModelRequest r)
    {
        var data = LoadForModel(r);
        var y = !r.NeedTargets ? null : r.Model.OutputSize > 1 ? data.WithOneHotTargets(r.Model.OutputSize).Y : data.Y;
        return ModelData.Numbered(data.X, y);
    }

    /// <summary>What the kind adds to the model's metadata (a folder's resize).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraMetadata(string path) => [];

    /// <summary>The images a trained model is evaluated on, read as that model expects (a folder: resized to its stored size).</summary>
    protected virtual Dataset<float> LoadForModel(ModelRequest r) => Load(r.DataPath, null, null);

    /// <summary>(n_H, n_W, n_C) of flattened square images: RGB when n = 3·s², else greyscale when n = s²; null otherwise.</summary>
    public static int[]? ImageShape(int features)
    {
        int rgb = (int)Math.Round(Math.Sqrt(features / 3.0));
        if (features % 3 == 0 && rgb * rgb * 3 == features && rgb >= 8) return [rgb, rgb, 3];
        int grey = (int)Math.Round(Math.Sqrt(features));
        return grey * grey == features && grey >= 8 ? [grey, grey, 1] : null;
    }
}
