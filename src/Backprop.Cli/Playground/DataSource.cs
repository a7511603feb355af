using Backprop.Cli.Inputs;

namespace Backprop.Cli.Playground;

/// <summary>Points to train on, already in the plane's coordinates, and how they were made from the file's columns:
/// x′ = (x − Offset)·Scale per feature (identity for the built-in datasets), and for a regression table the target's
/// standardisation. A saved model stores these so that <c>backprop evaluate</c> repeats them.</summary>
public sealed record DataSource(
    string Name,
    ToyPoint[] Points,
    bool IsRegression,
    string[] Columns,
    string Target,
    double[] Offset,
    double[] Scale,
    TargetScale? TargetScale)
{
    /// <summary>A built-in dataset: columns x1, x2 and label, no scaling.</summary>
    public static DataSource Toy(string name, int noise, int seed) =>
        new(name, ToyDatasets.Generate(name, 500, noise / 100.0, seed), ToyDatasets.IsRegression(name),
            ["x1", "x2"], "label", [0, 0], [1, 1], null);

    /// <summary>The points as a CSV with a header (the raw columns, as the model's file expects them back).</summary>
    public string ToCsv()
    {
        var text = new System.Text.StringBuilder();
        text.Append(Columns[0]).Append(',').Append(Columns[1]).Append(',').Append(Target).Append('\n');
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var p in Points)
        {
            double label = TargetScale is { } t ? p.Label * t.Std + t.Mean : p.Label;
            text.Append((p.X1 / Scale[0] + Offset[0]).ToString("R", ci)).Append(',')
                .Append((p.X2 / Scale[1] + Offset[1]).ToString("R", ci)).Append(',')
                .Append(label.ToString("R", ci)).Append('\n');
        }
        return text.ToString();
    }
}
