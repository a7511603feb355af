using Backprop.Cli.Output;
using Backprop.Data;

namespace Backprop.Cli.Inputs;

/// <summary>The registry of input kinds, and the one place that turns <c>--data</c> into a kind and a path for
/// <c>train</c>, <c>evaluate</c> and <c>predict</c>: nothing → the planar flower; an existing folder → images; an existing
/// file → the kind that reads its name (CSV, HDF5, IDX, text); otherwise a catalogued name (<c>backprop datasets list</c>),
/// downloaded on first use.</summary>
public static class InputKinds
{
    public static CsvInput Csv { get; } = new();
    public static Hdf5Input Hdf5 { get; } = new();
    public static IdxInput Idx { get; } = new();
    public static ImageFolderInput ImageFolder { get; } = new();
    public static TextInput Text { get; } = new();
    public static PlanarInput Planar { get; } = new();
    public static PlaygroundInput Playground { get; } = new();

    /// <summary>The kinds a file or folder is recognised as, in the order they are tried.</summary>
    public static IReadOnlyList<InputKind> Files { get; } = [ImageFolder, Csv, Hdf5, Idx, Text];

    /// <summary>The kinds that read images for a model trained on images.</summary>
    private static readonly InputKind[] Images = [ImageFolder, Hdf5, Idx];

    /// <summary>The kind and the local path of <paramref name="data"/>: for training (<paramref name="forTest"/> false) a
    /// catalogued set's training file, for evaluate and predict its test file. <paramref name="defaultTarget"/> is the
    /// target column the catalogue names (housing's median_house_value).</summary>
    public static ResolvedInput Resolve(string? data, bool forTest, bool quiet, TextWriter err)
    {
        if (data is null) return new ResolvedInput(Planar, null, null);
        if (Directory.Exists(data)) return new ResolvedInput(ImageFolder, data, null);
        if (File.Exists(data))
            return new ResolvedInput(Files.FirstOrDefault(k => k.Reads(data)) ?? throw UnknownKind(data), data, null);
        var entry = DatasetCatalog.Find(data)
            ?? throw CliException.BadInput($"--data '{data}' not found: no such file or folder, nor a data set of that name (backprop datasets list).");
        if (entry.Generated) return new ResolvedInput(Planar, null, null);
        var files = DatasetFetch.Files(entry, null, null, quiet, err);
        return entry.Name switch
        {
            "housing" => new ResolvedInput(Csv, files[0], "median_house_value"),
            "dinosaur-names" => new ResolvedInput(Text, files[0], null),
            "mnist" or "fashion-mnist" => new ResolvedInput(Idx, files[forTest ? 2 : 0], null),
            _ => new ResolvedInput(Hdf5, files[forTest ? 1 : 0], null),
        };
    }

    /// <summary>The inputs (and targets) of a saved model from <paramref name="dataPath"/>, read the way the model's
    /// metadata says it was fed, and checked against its input size.</summary>
    public static ModelData ForModel(ModelRequest request)
    {
        // The model's metadata, not the file's name, decides how an existing file is read.
        var path = File.Exists(request.DataPath) || Directory.Exists(request.DataPath)
            ? request.DataPath
            : Resolve(request.DataPath, forTest: true, quiet: false, Console.Error).Path
              ?? throw CliException.Usage($"--data '{request.DataPath}' is generated for training; give a file of points to evaluate or predict.");
        request = request with { DataPath = path };
        var input = request.Model.Metadata.GetValueOrDefault("input", PlanarInput.InputName);
        InputKind kind = input switch
        {
            "csv" => Csv,
            PlaygroundInput.InputName => Playground,
            PlanarInput.InputName => Planar,
            _ => Images.FirstOrDefault(k => k.Reads(path))
                 ?? throw CliException.BadInput($"--data '{path}': this model was trained on {input} data; give data of the same kind."),
        };
        var data = kind.ForModel(request);
        if (data.Examples.Features != request.Model.InputSize)
            throw CliException.BadInput($"{path}: gives {data.Examples.Features} input features per example but the model expects {request.Model.InputSize}.");
        if (request.NeedTargets && !data.HasTargets) throw CliException.BadInput($"{path}: has no target values to evaluate against.");
        return data;
    }

    private static CliException UnknownKind(string path) => CliException.BadInput(
        $"--data '{path}': unknown kind of file; use a .csv table, a course .h5 file, an MNIST *-images-idx3-ubyte(.gz) file, a folder of images, or a .txt file (or --task text).");
}

/// <summary>A resolved <c>--data</c>: its kind, its local path (null for generated data) and the catalogue's target column.</summary>
public sealed record ResolvedInput(InputKind Kind, string? Path, string? DefaultTarget);
