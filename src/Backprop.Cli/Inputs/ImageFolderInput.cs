using Backprop.Data;
using Backprop.Defaults;

namespace Backprop.Cli.Inputs;

/// <summary>A folder with one sub-folder of images per class, each image resized to
/// <see cref="TrainingDefaults.ImageSize"/>² RGB.</summary>
public sealed class ImageFolderInput : ImageInput
{
    public override string Name => "image-folder";

    public override bool Reads(string path) => Directory.Exists(path);

    protected override Dataset<float> Load(string path, string? xKey, string? yKey) =>
        ImageFolder.Load<float>(path, TrainingDefaults.ImageSize, TrainingDefaults.ImageSize);

    protected override IEnumerable<KeyValuePair<string, string>> ExtraMetadata =>
        [new("image_size", $"{TrainingDefaults.ImageSize}x{TrainingDefaults.ImageSize}")];
}
