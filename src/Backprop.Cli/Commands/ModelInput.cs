using Backprop.Cli.Training;
using Backprop.Data;
using Backprop.Models;
using Backprop.Tensors;

namespace Backprop.Cli.Commands;

/// <summary>Applies a saved model's own preprocessing to new data, so evaluate and predict see what training saw.</summary>
internal static class ModelInput
{
    public static LoadedModel<float> Load(string path)
    {
        if (!File.Exists(path)) throw CliException.BadInput($"--model '{path}': not found.");
        return ModelFile.Load<float>(path);
    }

    /// <summary>X (and Y when the data has targets) for the model, checked against its input size.</summary>
    public static (Tensor<float> X, Tensor<float>? Y, string[] RowNames) Read(LoadedModel<float> loaded, string modelPath, string dataPath, bool needTargets, string? target, TextWriter notes)
    {
        if (DatasetShortcut.Resolve(dataPath, test: true, quiet: false, Console.Error) is { Path.Length: > 0 } named) dataPath = named.Path;
        if (!File.Exists(dataPath) && !Directory.Exists(dataPath)) throw CliException.BadInput($"--data '{dataPath}': not found.");
        var metadata = loaded.Metadata;
        var input = metadata.TryGetValue("input", out var kind) ? kind : "features";
        Tensor<float> x;
        Tensor<float>? y = null;
        string[] names;
        if (input == Playground.PlaygroundModelFile.InputKind)
        {
            (x, y) = Playground.PlaygroundModelFile.Read(metadata, modelPath, dataPath, needTargets, target);
            names = Enumerable.Range(0, x.Dim(0)).Select(i => (i + 1).ToString()).ToArray();
        }
        else if (input == "csv" && metadata.TryGetValue("preprocessing", out var json))
        {
            TablePreprocessor preprocessor;
            try { preprocessor = TablePreprocessor.FromJson(json); }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or DataFormatException)
            {
                throw CliException.BadInput($"{modelPath}: the stored preprocessing is unusable ({e.Message}).");
            }
            if (target is not null && target != preprocessor.Target.Name)
                throw CliException.Usage($"--target '{target}': this model predicts '{preprocessor.Target.Name}'.");
            var table = CsvTable.Read(dataPath, DataSources.Separator(dataPath));
            CheckColumns(preprocessor, table, dataPath, notes);
            if (needTargets)
            {
                var data = preprocessor.Transform<float>(table);
                if (preprocessor.Target.Kind == TargetKind.Multiclass) data = data.WithOneHotTargets(preprocessor.Target.Classes.Length);
                (x, y) = (data.X, data.Y);
            }
            else x = preprocessor.TransformFeatures<float>(table);
            names = Enumerable.Range(0, x.Dim(0)).Select(i => (i + 1).ToString()).ToArray();
        }
        else if (DataSources.IsTable(dataPath))
        {
            // A model trained on in-code features (the planar default): the CSV holds the same columns, target last.
            var table = CsvTable.Read(dataPath, DataSources.Separator(dataPath));
            int features = loaded.InputSize;
            int columns = table.Columns.Count;
            if (columns != features && columns != features + 1)
                throw CliException.BadInput($"{dataPath}: has {columns} column(s); this model needs {features} input features, optionally followed by the label.");
            x = Tensor<float>.Zeros(table.RowCount, features);
            y = needTargets && columns > features ? Tensor<float>.Zeros(table.RowCount, 1) : null;
            for (int r = 0; r < table.RowCount; r++)
            {
                for (int j = 0; j < features; j++) x[r, j] = (float)table.Number(r, j);
                if (y is not null) y[r, 0] = Label(table, r, features, Math.Max(2, loaded.OutputSize));
            }
            if (y is not null && loaded.OutputSize > 1)
                y = Dataset<float>.OneHot(y.AsReadOnlySpan().ToArray().Select(v => (int)v).ToArray(), loaded.OutputSize);
            names = Enumerable.Range(0, x.Dim(0)).Select(i => (i + 1).ToString()).ToArray();
        }
        else
        {
            var size = metadata.TryGetValue("image_size", out var s) ? s : null;
            Dataset<float> data;
            if (Directory.Exists(dataPath)) data = ImageFolder.Load<float>(dataPath, DataSources.ImageSize, DataSources.ImageSize);
            else if (dataPath.EndsWith(".h5", StringComparison.OrdinalIgnoreCase))
                data = CatVsNonCat.Read<float>(dataPath, Path.GetFileName(dataPath).StartsWith("test", StringComparison.OrdinalIgnoreCase) ? "test_set_x" : "train_set_x",
                    Path.GetFileName(dataPath).StartsWith("test", StringComparison.OrdinalIgnoreCase) ? "test_set_y" : "train_set_y");
            else if (dataPath.Contains("idx3", StringComparison.OrdinalIgnoreCase)) data = Idx.Load<float>(dataPath, DataSources.LabelsFileFor(dataPath));
            else throw CliException.BadInput($"--data '{dataPath}': this model was trained on {input} data; give data of the same kind.");
            _ = size;
            x = data.X;
            if (needTargets)
                y = loaded.OutputSize > 1 ? data.WithOneHotTargets(loaded.OutputSize).Y : data.Y;
            names = Enumerable.Range(0, x.Dim(0)).Select(i => (i + 1).ToString()).ToArray();
        }
        if (x.Dim(1) != loaded.InputSize)
            throw CliException.BadInput($"{dataPath}: gives {x.Dim(1)} input features per example but the model expects {loaded.InputSize}.");
        if (needTargets && y is null) throw CliException.BadInput($"{dataPath}: has no target values to evaluate against.");
        return (x, y, names);
    }

    /// <summary>Fails naming every input column the model needs and the table lacks; notes the columns it will ignore
    /// (those neither inputs, target nor left out on purpose at training).</summary>
    private static void CheckColumns(TablePreprocessor preprocessor, CsvTable table, string dataPath, TextWriter notes)
    {
        var missing = preprocessor.Columns.Select(c => c.Name).Where(n => !table.HasColumn(n)).ToList();
        if (missing.Count > 0)
            throw CliException.BadInput($"{Path.GetFileName(dataPath)}: lacks {Plural(missing.Count, "column")} the model was trained on: {Quote(missing)}.");
        var known = preprocessor.Columns.Select(c => c.Name).Append(preprocessor.Target.Name).Concat(preprocessor.LeftOut.Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
        var extra = table.Columns.Where(c => !known.Contains(c)).ToList();
        if (extra.Count > 0)
            notes.WriteLine($"note: {Path.GetFileName(dataPath)}: ignoring {Plural(extra.Count, "column")} the model did not train on: {Quote(extra)}");
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>A class label: a whole number in 0 … classes − 1.</summary>
    private static float Label(CsvTable table, int row, int column, int classes)
    {
        double v = table.Number(row, column);
        if (v != Math.Floor(v) || v < 0 || v >= classes)
            throw table.Error(row, column, $"'{table[row, column]}' is not a class label (a whole number from 0 to {classes - 1})");
        return (float)v;
    }
}
