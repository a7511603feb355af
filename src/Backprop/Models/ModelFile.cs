using System.Globalization;
using System.Numerics;
using Backprop.Layers;
using Backprop.Layers.Activations;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>Saves and loads <see cref="Sequential{T}"/> models as safetensors files: W1, b1, W2, b2, … as F32 or F64
/// tensors, and in the header's <c>__metadata__</c> the strings <c>format</c> = "backprop-model", <c>version</c> = "1",
/// <c>architecture</c> (JSON: the layers), <c>dtype</c> ("float32"/"float64") plus any caller metadata (preprocessing,
/// training settings, metrics). Saving is atomic; loading checks every length, offset, shape and setting before it
/// builds anything, and reports any problem as a <see cref="ModelFileException"/> naming the file.</summary>
public static class ModelFile
{
    public const string FormatKey = "format";
    public const string VersionKey = "version";
    public const string ArchitectureKey = "architecture";
    public const string DTypeKey = "dtype";

    /// <summary>The <c>format</c> value that marks a Backprop model.</summary>
    public const string FormatName = "backprop-model";

    /// <summary>The major format version this code writes and reads. Minor versions ("1.2") only add metadata.</summary>
    public const int FormatVersion = 1;

    private static readonly string[] ReservedKeys = [FormatKey, VersionKey, ArchitectureKey, DTypeKey];

    /// <summary>Writes <paramref name="model"/>'s architecture and parameters to <paramref name="path"/>, atomically.
    /// <paramref name="extraMetadata"/> is stored as is; it may not use the reserved keys format, version, architecture, dtype.</summary>
    public static void Save<T>(string path, Sequential<T> model, IReadOnlyDictionary<string, string>? extraMetadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = ModelArchitecture.Describe(model);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = FormatName,
            [VersionKey] = FormatVersion.ToString(CultureInfo.InvariantCulture),
            [ArchitectureKey] = ModelArchitecture.ToJson(layers),
            [DTypeKey] = DTypeName(DType.Of<T>()),
        };
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            if (ReservedKeys.Contains(key))
                throw new ArgumentException($"Metadata key '{key}' is reserved for the model file itself; choose another name.", nameof(extraMetadata));
            metadata[key] = value ?? throw new ArgumentException($"Metadata value '{key}' is null.", nameof(extraMetadata));
        }
        var tensors = model.Parameters.Select(p => NamedTensor.FromTensor(p.Name, p.Value)).ToList();
        SafeTensorsWriter.Save(path, tensors, metadata);
    }

    /// <summary>Reads the model at <paramref name="path"/> as a model of <typeparamref name="T"/> (values saved in the
    /// other floating-point type are converted) together with all of its metadata.</summary>
    public static LoadedModel<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var file = SafeTensorsReader.Load(path);
        var description = Describe(file.Header, path);
        var layers = new ILayer<T>[description.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = description.Layers[l];
            var dense = new Dense<T>(layer.Inputs, layer.Units, Activation.Parse(layer.Activation));
            dense.Weight.Value.CopyFrom(file.Find($"W{l + 1}")!.ToTensor<T>());
            dense.Bias.Value.CopyFrom(file.Find($"b{l + 1}")!.ToTensor<T>());
            layers[l] = dense;
        }
        return new LoadedModel<T>(new Sequential<T>(layers), file.Metadata);
    }

    /// <summary>Reads and validates the file's header (format, version, architecture, tensor shapes) without reading the
    /// tensor values or building the model.</summary>
    public static ModelDescription ReadMetadata(string path) => Describe(SafeTensorsReader.ReadHeader(path), path);

    private static ModelDescription Describe(SafeTensorsHeader header, string path)
    {
        var metadata = header.Metadata;
        if (!metadata.TryGetValue(FormatKey, out var format))
            throw new ModelFileException(path, "not a Backprop model: the header has no 'format' in its __metadata__ (a safetensors file from elsewhere?)");
        if (format != FormatName)
            throw new ModelFileException(path, $"not a Backprop model: its format is '{Shorten(format)}', expected '{FormatName}'");
        CheckVersion(metadata, path);
        if (!metadata.TryGetValue(ArchitectureKey, out var architecture))
            throw new ModelFileException(path, "the header has no 'architecture' in its __metadata__, so the layers cannot be rebuilt");
        var layers = ModelArchitecture.Parse(architecture, path);
        DType? declared = null;
        if (metadata.TryGetValue(DTypeKey, out var dtypeName))
            declared = dtypeName switch
            {
                "float32" => DType.F32,
                "float64" => DType.F64,
                _ => throw new ModelFileException(path, $"unknown dtype '{Shorten(dtypeName)}' in the metadata (expected float32 or float64)"),
            };
        var expected = ModelArchitecture.ExpectedTensors(layers).ToList();
        foreach (var (name, shape, layer) in expected)
        {
            var entry = header.Find(name)
                ?? throw new ModelFileException(path, $"tensor '{name}' is missing; the architecture's layer {layer} ({layers[layer - 1]}) needs it");
            if (!entry.Shape.SequenceEqual(shape))
                throw new ModelFileException(path,
                    $"tensor '{name}' has shape {ShapeMath.Format(entry.Shape.ToArray())}, but the architecture's layer {layer} ({layers[layer - 1]}) needs {ShapeMath.Format(shape)}");
            if (declared is { } d && entry.DType != d)
                throw new ModelFileException(path, $"tensor '{name}' is {entry.DType}, but the metadata says the model is {dtypeName}");
        }
        var unexpected = header.Tensors.FirstOrDefault(t => !expected.Any(e => e.Name == t.Name));
        if (unexpected is not null)
            throw new ModelFileException(path, $"tensor '{Shorten(unexpected.Name)}' belongs to no layer of the architecture");
        return new ModelDescription(metadata, layers, header.Tensors);
    }

    private static void CheckVersion(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(VersionKey, out var version))
            throw new ModelFileException(path, "the header has no model format 'version' in its __metadata__");
        var majorText = version.Split('.')[0];
        if (!int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out int major))
            throw new ModelFileException(path, $"the model format version '{Shorten(version)}' is not a version number");
        if (major > FormatVersion)
            throw new ModelFileException(path,
                $"the model was written in model format version {Shorten(version)}, by a newer Backprop; this version reads format version {FormatVersion}. Upgrade Backprop to load it");
        if (major != FormatVersion)
            throw new ModelFileException(path, $"unknown model format version '{Shorten(version)}'; this version reads format version {FormatVersion}");
    }

    private static string DTypeName(DType dtype) => dtype == DType.F64 ? "float64" : "float32";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
