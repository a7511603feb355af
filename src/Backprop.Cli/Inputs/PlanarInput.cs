using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Models;
using Backprop.Tensors;

namespace Backprop.Cli.Inputs;

/// <summary>No <c>--data</c>: the course's planar flower, generated in code (400 points, seed 1), tested on a fresh flower
/// of 400 points (seed <see cref="TestSeed"/>). Its model reads new points from a CSV of the same features, the label
/// last (<see cref="ForModel"/>).</summary>
public sealed class PlanarInput : InputKind
{
    /// <summary>The generator seed of the test flower (the training flower is the course's, seed 1).</summary>
    public const uint TestSeed = 2;

    /// <summary>The model's <c>input</c> metadata: features in the file's own order.</summary>
    public const string InputName = "features";

    public override string Name => "planar";

    public override bool Reads(string path) => false;

    public override PreparedData ForNetwork(InputRequest r)
    {
        // The course's 400 points are all for training; the test set is a fresh draw of the same flower, which measures
        // generalisation on 400 points instead of on a 20 % split of 80, where one point moves accuracy 1.25 %.
        var train = Planar.Generate<float>();
        var test = r.TestSplit > 0 ? Planar.Generate<float>(seed: TestSeed) : null;
        return PreparedData.InMemory(train, test, r.Task ?? ModelTask.BinaryClassification, Planar.ClassNames, Name,
            new Dictionary<string, string> { ["source"] = Name, ["input"] = InputName },
            [$"no --data: training on the course's planar flower (400 points, generated in code, seed 1){(test is null ? "" : $" and testing on a fresh flower of 400 points (seed {TestSeed})")}"]);
    }

    /// <summary>A CSV holding the model's input features in order, optionally followed by the label.</summary>
    public override ModelData ForModel(ModelRequest r)
    {
        if (!CsvInput.IsTable(r.DataPath)) return base.ForModel(r);
        var table = CsvTable.Read(r.DataPath, CsvInput.Separator(r.DataPath));
        int features = r.Model.InputSize, columns = table.Columns.Count;
        if (columns != features && columns != features + 1)
            throw CliException.BadInput($"{r.DataPath}: has {columns} column(s); this model needs {features} input features, optionally followed by the label.");
        var x = Tensor<float>.Zeros(table.RowCount, features);
        var y = r.NeedTargets && columns > features ? Tensor<float>.Zeros(table.RowCount, 1) : null;
        int classes = Math.Max(2, r.Model.OutputSize);
        for (int row = 0; row < table.RowCount; row++)
        {
            for (int j = 0; j < features; j++) x[row, j] = (float)table.Number(row, j);
            if (y is not null) y[row, 0] = Label(table, row, features, classes);
        }
        if (y is not null && r.Model.OutputSize > 1)
            y = Dataset<float>.OneHot(y.AsReadOnlySpan().ToArray().Select(v => (int)v).ToArray(), r.Model.OutputSize);
        return ModelData.Numbered(x, y);
    }

    /// <summary>A class label: a whole number in 0 … classes − 1.</summary>
    private static float Label(CsvTable table, int row, int column, int classes)
    {
        double v = table.Number(row, column);
        if (v != Math.Floor(v) || v < 0 || v >= classes)
            throw table.Error(row, column, $"'{table[row, column]}' is not a class label (a whole number from 0 to {classes - 1})");
        return (float)v;
    }
}
