using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Models;

namespace Backprop.Cli.Inputs;

/// <summary>A <c>.csv</c> or <c>.tsv</c> table with a header: for training, the target column by name, the other columns
/// encoded, imputed and standardised on the training split only (<see cref="CsvTable.Load{T}"/>); for a saved model, the
/// model's stored <see cref="TablePreprocessor"/> applied to the new table, column by name.</summary>
public sealed class CsvInput : InputKind
{
    public override string Name => "csv";

    public override bool Reads(string path) => IsTable(path);

    /// <summary>A .csv or .tsv file name.</summary>
    public static bool IsTable(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Tab for .tsv, comma otherwise.</summary>
    public static char Separator(string path) => path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';

    public override PreparedData ForNetwork(InputRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Target)) throw CliException.Usage("--target is required with a CSV file: name the column to predict.");
        var options = new TableOptions
        {
            TestFraction = r.TestSplit, Seed = r.Seed, Task = r.Task?.Target, Separator = Separator(r.Path!), DropMissing = r.DropMissing,
            Keep = r.Keep ?? [], Categorical = r.Categorical ?? [], Strict = r.Strict,
        };
        var table = CsvTable.Load<float>(r.Path!, r.Target, options);
        var p = table.Preprocessor;
        var task = ModelTask.For(p.Target.Kind);
        var train = task == ModelTask.MulticlassClassification ? table.Train.WithOneHotTargets(p.Target.Classes.Length) : table.Train;
        Dataset<float>? test = table.Test.Count == 0 ? null : task == ModelTask.MulticlassClassification ? table.Test.WithOneHotTargets(p.Target.Classes.Length) : table.Test;
        var metadata = new Dictionary<string, string> { ["source"] = Name, ["input"] = Name, ["preprocessing"] = p.ToJson() };
        if (task == ModelTask.Regression) metadata[TargetScale.MetadataKey] = new TargetScale(p.Target.Mean, p.Target.Scale).ToJson();
        var notes = table.Imputed.Select(i => $"imputed {i}").ToList();
        var columnNotes = new List<string>();
        if (p.LeftOut.Length > 0)
            columnNotes.Add($"left out {string.Join(", ", p.LeftOut.Select(c => $"'{c.Name}' ({c.Reason})"))}; --keep {string.Join(",", p.LeftOut.Select(c => c.Name))} uses them anyway");
        return PreparedData.InMemory(train, test, task, p.ClassNames, Name, metadata, notes) with { ColumnNotes = columnNotes };
    }

    public override ModelData ForModel(ModelRequest r)
    {
        var metadata = r.Model.Metadata;
        if (!metadata.TryGetValue("preprocessing", out var json)) return base.ForModel(r);
        TablePreprocessor preprocessor;
        try { preprocessor = TablePreprocessor.FromJson(json); }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or DataFormatException)
        {
            throw CliException.BadInput($"{r.ModelPath}: the stored preprocessing is unusable ({e.Message}).");
        }
        if (r.Target is not null && r.Target != preprocessor.Target.Name)
            throw CliException.Usage($"--target '{r.Target}': this model predicts '{preprocessor.Target.Name}'.");
        var table = CsvTable.Read(r.DataPath, Separator(r.DataPath));
        CheckColumns(preprocessor, table, r.DataPath, r.Notes);
        NoteUnseenCategories(preprocessor, table, r.DataPath, r.Notes);
        if (!r.NeedTargets) return ModelData.Numbered(preprocessor.TransformFeatures<float>(table), null);
        var data = preprocessor.Transform<float>(table);
        if (preprocessor.Target.Kind == TargetKind.Multiclass) data = data.WithOneHotTargets(preprocessor.Target.Classes.Length);
        return ModelData.Numbered(data.X, data.Y);
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

    /// <summary>Notes each categorical column whose cells hold categories the model never saw: they are encoded as all
    /// zeros (no category), as the exported ONNX model's contract says.</summary>
    private static void NoteUnseenCategories(TablePreprocessor preprocessor, CsvTable table, string dataPath, TextWriter notes)
    {
        foreach (var column in preprocessor.Columns.OfType<CategoricalColumn>())
        {
            int j = table.ColumnIndex(column.Name);
            var unseen = Enumerable.Range(0, table.RowCount).Select(row => table[row, j])
                .Where(cell => cell.Length > 0 && !preprocessor.MissingMarkers.Contains(cell) && Array.BinarySearch(column.Categories, cell, StringComparer.Ordinal) < 0)
                .ToList();
            if (unseen.Count > 0)
                notes.WriteLine($"note: {Path.GetFileName(dataPath)}: column '{column.Name}': {(unseen.Count == 1 ? "1 row holds a category" : $"{unseen.Count} rows hold categories")} the model never saw " +
                    $"({Quote(unseen.Distinct().Take(3))}{(unseen.Distinct().Count() > 3 ? ", …" : "")}); they are encoded as no category (all zeros)");
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
