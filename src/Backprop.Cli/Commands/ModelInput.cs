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
        if (!File.Exists(path)) throw CliException.BadInput($"--model '{path}': no such file.");
        return ModelFile.Load<float>(path);
    }

    /// <summary>X (and Y when the data has targets) for the model, checked against its input size.</summary>
    public static (Tensor<float> X, Tensor<float>? Y, string[] RowNames) Read(LoadedModel<float> loaded, string dataPath, bool needTargets, string? target)
    {
        var metadata = loaded.Metadata;
        var input = metadata.TryGetValue("input", out var kind) ? kind : "features";
        Tensor<float> x;
        Tensor<float>? y = null;
        string[] names;
        if (input == "csv" && metadata.TryGetValue("preprocessing", out var json))
        {
            var preprocessor = TablePreprocessor.FromJson(json);
            if (target is not null && target != preprocessor.Target.Name)
                throw CliException.Usage($"--target '{target}': this model predicts '{preprocessor.Target.Name}'.");
            var table = CsvTable.Read(dataPath);
            if (needTargets)
            {
                var data = preprocessor.Transform<float>(table);
                if (preprocessor.Target.Kind == TargetKind.Multiclass) data = data.WithOneHotTargets(preprocessor.Target.Classes.Length);
                (x, y) = (data.X, data.Y);
            }
            else x = preprocessor.TransformFeatures<float>(table);
            names = Enumerable.Range(0, x.Dim(0)).Select(i => (i + 1).ToString()).ToArray();
        }
        else if (File.Exists(dataPath) && dataPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            // A model trained on in-code features (the planar default): the CSV holds the same columns, target last.
            var table = CsvTable.Read(dataPath);
            int features = loaded.Model.InputSize;
            int columns = table.Columns.Count;
            if (columns < features) throw CliException.BadInput($"{dataPath}: has {columns} column(s); the model needs {features} input features.");
            x = Tensor<float>.Zeros(table.RowCount, features);
            y = needTargets && columns > features ? Tensor<float>.Zeros(table.RowCount, 1) : null;
            for (int r = 0; r < table.RowCount; r++)
            {
                for (int j = 0; j < features; j++) x[r, j] = (float)table.Number(r, j);
                if (y is not null) y[r, 0] = (float)table.Number(r, features);
            }
            if (y is not null && loaded.Model.OutputSize > 1)
                y = Dataset<float>.OneHot(y.AsReadOnlySpan().ToArray().Select(v => (int)v).ToArray(), loaded.Model.OutputSize);
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
                y = loaded.Model.OutputSize > 1 ? data.WithOneHotTargets(loaded.Model.OutputSize).Y : data.Y;
            names = Enumerable.Range(0, x.Dim(0)).Select(i => (i + 1).ToString()).ToArray();
        }
        if (x.Dim(1) != loaded.Model.InputSize)
            throw CliException.BadInput($"{dataPath}: gives {x.Dim(1)} input features per example but the model expects {loaded.Model.InputSize}.");
        if (needTargets && y is null) throw CliException.BadInput($"{dataPath}: has no target values to evaluate against.");
        return (x, y, names);
    }
}
