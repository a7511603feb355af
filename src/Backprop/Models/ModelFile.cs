using System.Globalization;
using System.Numerics;
using Backprop.Layers;
using Backprop.Models.Formats;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>Saves and loads any tree of modules as safetensors files: parameters by path (W1, b1, … for a sequential
/// network; "3.block.W" deeper down) and buffers (running_mean2) as F32 or F64 tensors, and in the header's
/// <c>__metadata__</c> the strings <c>format</c> = "backprop-model", <c>version</c> = "2",
/// <c>architecture</c> (JSON: the module tree; version 1 files, sequential dense networks, still load), <c>dtype</c> ("float32"/"float64") plus any caller metadata (preprocessing,
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
    public const int FormatVersion = 2;

    /// <summary>The oldest major version this code still reads (version 1: sequential dense networks).</summary>
    public const int OldestReadableVersion = 1;

    private static readonly string[] ReservedKeys = [FormatKey, VersionKey, ArchitectureKey, DTypeKey];

    /// <summary>Writes <paramref name="model"/>'s architecture, parameters and buffers to <paramref name="path"/>, atomically.
    /// <paramref name="extraMetadata"/> is stored as is; it may not use the reserved keys format, version, architecture, dtype.</summary>
    public static void Save<T>(string path, Module<T> model, IReadOnlyDictionary<string, string>? extraMetadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = FormatName,
            [VersionKey] = FormatVersion.ToString(CultureInfo.InvariantCulture),
            [ArchitectureKey] = ModelArchitecture.ToJson(ModelArchitecture.Describe(model)),
            [DTypeKey] = DTypeName(DType.Of<T>()),
        };
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>())
        {
            if (ReservedKeys.Contains(key))
                throw new ArgumentException($"Metadata key '{key}' is reserved for the model file itself; choose another name.", nameof(extraMetadata));
            metadata[key] = value ?? throw new ArgumentException($"Metadata value '{key}' is null.", nameof(extraMetadata));
        }
        var tensors = Contents(model).Select(c => NamedTensor.FromTensor(c.Name, c.Value)).ToList();
        var duplicate = tensors.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two tensors of the model are both named '{duplicate.Key}'; a module is probably used twice in one tree.");
        SafeTensorsWriter.Save(path, tensors, metadata);
    }

    /// <summary>Reads the model at <paramref name="path"/> as a model of <typeparamref name="T"/> (values saved in the
    /// other floating-point type are converted) together with all of its metadata. Custom modules in the file must be
    /// registered in <paramref name="registry"/>.</summary>
    public static LoadedModel<T> Load<T>(string path, ModuleRegistry<T>? registry = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var file = SafeTensorsReader.Load(path);
        var (_, model) = Validate(file.Header, path, registry ?? ModuleRegistry<T>.Empty);
        foreach (var (name, value) in Contents(model!))
            value.CopyFrom(file.Find(name)!.ToTensor<T>());
        return new LoadedModel<T>(model!, file.Metadata);
    }

    /// <summary>Reads and validates the file's header (format, version, architecture, tensor shapes) without reading the
    /// tensor values. Tensor shapes of custom modules are checked when the model is loaded.</summary>
    public static ModelDescription ReadMetadata(string path) => Validate<float>(SafeTensorsReader.ReadHeader(path), path, null).Description;

    /// <summary>Whether a tensor name is a buffer (running statistics) rather than a trainable parameter.</summary>
    public static bool IsBuffer(string name) => name.Contains("running_", StringComparison.Ordinal);

    /// <summary>Every tensor a model saves: parameters, then buffers, by path.</summary>
    private static IEnumerable<(string Name, Tensor<T> Value)> Contents<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.NamedParameters().Select(p => (p.Name, p.Parameter.Value)).Concat(model.NamedBuffers());

    private static (ModelDescription Description, Module<T>? Model) Validate<T>(SafeTensorsHeader header, string path, ModuleRegistry<T>? registry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var metadata = header.Metadata;
        if (!metadata.TryGetValue(FormatKey, out var format))
            throw new ModelFileException(path, "not a Backprop model: the header has no 'format' in its __metadata__ (a safetensors file from elsewhere?)");
        if (format != FormatName)
            throw new ModelFileException(path, $"not a Backprop model: its format is '{Shorten(format)}', expected '{FormatName}'");
        CheckVersion(metadata, path);
        if (!metadata.TryGetValue(ArchitectureKey, out var architecture))
            throw new ModelFileException(path, "the header has no 'architecture' in its __metadata__, so the layers cannot be rebuilt");
        var root = ModelArchitecture.Parse(architecture, path);
        DType? declared = null;
        if (metadata.TryGetValue(DTypeKey, out var dtypeName))
            declared = dtypeName switch
            {
                "float32" => DType.F32,
                "float64" => DType.F64,
                _ => throw new ModelFileException(path, $"unknown dtype '{Shorten(dtypeName)}' in the metadata (expected float32 or float64)"),
            };
        long budget = Math.Max(1, header.Tensors.Sum(t => t.ElementCount));
        bool custom = architecture.Contains("\"custom\"", StringComparison.Ordinal);
        Module<T>? model = custom && registry is null ? null : ModelArchitecture.Build(root, path, budget, registry);
        if (model is not null)
        {
            var expected = Contents(model).Select(c => (c.Name, Shape: c.Value.Shape.ToArray())).ToList();
            foreach (var (name, shape) in expected)
            {
                var entry = header.Find(name)
                    ?? throw new ModelFileException(path, $"tensor '{name}' is missing; {Owner(model, name)} needs it");
                if (!entry.Shape.SequenceEqual(shape))
                    throw new ModelFileException(path, $"tensor '{name}' has shape {ShapeMath.Format(entry.Shape.ToArray())}, but {Owner(model, name)} needs {ShapeMath.Format(shape)}");
                if (declared is { } d && entry.DType != d)
                    throw new ModelFileException(path, $"tensor '{name}' is {entry.DType}, but the metadata says the model is {dtypeName}");
            }
            var unexpected = header.Tensors.FirstOrDefault(t => !expected.Any(e => e.Name == t.Name));
            if (unexpected is not null)
                throw new ModelFileException(path, $"tensor '{Shorten(unexpected.Name)}' belongs to no layer of the architecture");
        }
        var description = new ModelDescription(metadata, root, ModelArchitecture.Flatten(root).ToList(), header.Tensors);
        return (description, model);
    }

    /// <summary>"layer 2 (Dense(7 → 1, sigmoid))" for a tensor of a sequential network's layer, else "the architecture".</summary>
    private static string Owner<T>(Module<T> model, string tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (model is Sequential<T> sequential)
            for (int l = 0; l < sequential.Layers.Count; l++)
            {
                var single = new Sequential<T>(sequential.Layers[l]);
                string number = (l + 1).ToString(CultureInfo.InvariantCulture);
                if (Contents(single).Any(c => Renumber(c.Name, number) == tensor)) return $"the architecture's layer {number} ({sequential.Layers[l]})";
            }
        return "the architecture";
    }

    /// <summary>A layer-1 tensor name ("W1", "1.block.W") as it is named in layer <paramref name="number"/>.</summary>
    private static string Renumber(string name, string number) =>
        name.StartsWith("1.", StringComparison.Ordinal) ? number + name[1..] : name[..^1] + number;

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
        if (major < OldestReadableVersion)
            throw new ModelFileException(path, $"unknown model format version '{Shorten(version)}'; this version reads format version {FormatVersion}");
    }

    private static string DTypeName(DType dtype) => dtype == DType.F64 ? "float64" : "float32";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
