using System.Text.Json;
using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Models;
using Backprop.Tensors;

namespace Backprop.Cli.Inputs;

/// <summary>New data for a model trained in the playground (metadata <c>input = playground</c>): a CSV holding the two
/// feature columns and the target by name, mapped by the stored recipe x′ = (x − offset)·scale, then expanded into the
/// chosen features (x1², sin x1, …, <see cref="FeatureMap"/>).</summary>
public sealed class PlaygroundInput : InputKind
{
    public const string InputName = "playground";
    public const string MetadataKey = "playground";

    /// <summary>The recipe stored under <see cref="MetadataKey"/>.</summary>
    public sealed record Recipe(string[] Columns, string Target, double[] Offset, double[] Scale, string[] Features, string Dataset);

    public override string Name => "playground";

    public override bool Reads(string path) => false;

    /// <summary>X (and Y) for a playground model from a CSV holding its two feature columns and, for evaluation, its target.</summary>
    public override ModelData ForModel(ModelRequest request)
    {
        var (metadata, modelPath, dataPath, needTargets, target) = (request.Model.Metadata, request.ModelPath, request.DataPath, request.NeedTargets, request.Target);
        Recipe recipe;
        try { recipe = JsonSerializer.Deserialize<Recipe>(metadata[MetadataKey]) ?? throw new JsonException("empty"); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException)
        {
            throw CliException.BadInput($"{modelPath}: the stored playground recipe is unusable ({e.Message}).");
        }
        if (recipe.Columns is not { Length: 2 } || recipe.Offset is not { Length: 2 } || recipe.Scale is not { Length: 2 } || recipe.Features is null
            || recipe.Features.Any(f => !FeatureMap.IsKnown(f)))
            throw CliException.BadInput($"{modelPath}: the stored playground recipe is incomplete.");
        if (target is not null && target != recipe.Target)
            throw CliException.Usage($"--target '{target}': this model predicts '{recipe.Target}'.");
        var table = CsvTable.Read(dataPath, CsvInput.Separator(dataPath));
        int c1 = Column(table, recipe.Columns[0], dataPath), c2 = Column(table, recipe.Columns[1], dataPath);
        int m = table.RowCount;
        var x1 = new double[m];
        var x2 = new double[m];
        for (int r = 0; r < m; r++)
        {
            x1[r] = (table.Number(r, c1) - recipe.Offset[0]) * recipe.Scale[0];
            x2[r] = (table.Number(r, c2) - recipe.Offset[1]) * recipe.Scale[1];
        }
        var x = FeatureMap.Expand(recipe.Features, x1, x2);
        if (!needTargets || !table.HasColumn(recipe.Target)) return ModelData.Numbered(x, null);
        int ct = table.ColumnIndex(recipe.Target);
        var y = Tensor<float>.Zeros(m, 1);
        var scale = TargetScale.FromMetadata(metadata, modelPath);
        bool classes = metadata.TryGetValue("task", out var task) && task == ModelTask.BinaryClassification.Name;
        for (int r = 0; r < m; r++)
        {
            double v = table.Number(r, ct);
            if (classes && v is not (0 or 1)) throw table.Error(r, ct, $"'{table[r, ct]}' is not a class label (0 or 1)");
            y[r, 0] = (float)(scale is { } t ? (v - t.Mean) / t.Std : v);
        }
        return ModelData.Numbered(x, y);
    }

    private static int Column(CsvTable table, string name, string path) => table.HasColumn(name)
        ? table.ColumnIndex(name)
        : throw CliException.BadInput($"{path}: no column '{name}'; this model reads columns {name} and the other feature by name.");
}
