using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Defaults;

namespace Backprop.Cli.Inputs;

/// <summary>MNIST-style IDX images (<c>*-images-idx3-ubyte</c>, optionally <c>.gz</c>) with the matching
/// <c>*-labels-idx1-ubyte</c> file beside them.</summary>
public sealed class IdxInput : ImageInput
{
    public override string Name => "idx";

    /// <summary>Digits get <see cref="TrainingDefaults.Augment.Digits"/>: a mirrored digit is another symbol.</summary>
    public override string DefaultAugmentation => TrainingDefaults.Augment.Digits;

    public override bool Reads(string path) => Path.GetFileName(path).Contains("idx3", StringComparison.OrdinalIgnoreCase);

    protected override Dataset<float> Load(string path, string? xKey, string? yKey) => Idx.Load<float>(path, LabelsFileFor(path));

    private static string LabelsFileFor(string imagesPath)
    {
        var name = Path.GetFileName(imagesPath);
        var labels = name.Replace("images-idx3", "labels-idx1", StringComparison.OrdinalIgnoreCase).Replace("images.idx3", "labels.idx1", StringComparison.OrdinalIgnoreCase);
        var path = Path.Combine(Path.GetDirectoryName(imagesPath) ?? ".", labels);
        if (labels == name || !File.Exists(path)) throw CliException.BadInput($"--data '{imagesPath}': the matching labels file '{labels}' was not found beside it.");
        return path;
    }
}
