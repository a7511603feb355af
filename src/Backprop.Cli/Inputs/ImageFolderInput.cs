using System.Globalization;
using Backprop.Data;
using Backprop.Defaults;

namespace Backprop.Cli.Inputs;

/// <summary>A folder with one sub-folder of images per class, each image resized to s × s RGB with
/// s = <see cref="TrainingDefaults.ImageSide"/>(median of max(width, height)), read from the headers. s is stored in the
/// model as <see cref="SizeKey"/> = "s x s", so evaluate and predict resize new images the same way.</summary>
public sealed class ImageFolderInput : ImageInput
{
    /// <summary>The metadata key of the resize, "64x64" (width x height).</summary>
    public const string SizeKey = "image_size";

    public override string Name => "image-folder";

    public override bool Reads(string path) => Directory.Exists(path);

    protected override Dataset<float> Load(string path, string? xKey, string? yKey)
    {
        int side = SideOf(path);
        return ImageFolder.Load<float>(path, side, side);
    }

    protected override IEnumerable<KeyValuePair<string, string>> ExtraMetadata(string path)
    {
        int side = SideOf(path);
        return [new(SizeKey, $"{side}x{side}")];
    }

    protected override Dataset<float> LoadForModel(ModelRequest r)
    {
        var (width, height) = StoredSize(r.Model.Metadata);
        return ImageFolder.Load<float>(r.DataPath, width, height);
    }

    /// <summary>(width, height) a model's images are resized to: its <see cref="SizeKey"/>, or
    /// <see cref="TrainingDefaults.ImageSize"/>² for a model written before the size came from the data.</summary>
    public static (int Width, int Height) StoredSize(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue(SizeKey, out var text) && text.Split('x') is [var w, var h]
            && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out int height) && width > 0 && height > 0)
            return (width, height);
        return (TrainingDefaults.ImageSize, TrainingDefaults.ImageSize);
    }

    private static int SideOf(string path) =>
        TrainingDefaults.ImageSide(ImageFolder.MedianSide(ImageFolder.List(path).Files.Select(f => f.Path), TrainingDefaults.ImageSize));
}
