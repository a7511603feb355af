using Backprop.Models;
using Backprop.Data;

namespace Backprop.Cli.Inputs;

/// <summary>Data ready for a network: scaled features, targets in the output layer's shape (0/1 column, one-hot rows or a
/// standardised value), the task, what must be stored in the model so evaluate/predict repeat the same steps, and notes:
/// <see cref="Notes"/> for people (imputed values, the planar default), <see cref="ColumnNotes"/> for every column left
/// out or reinterpreted, which are also stored in the model and which <c>--strict</c> turns into errors.</summary>
public sealed record PreparedData(
    Dataset<float> Train,
    Dataset<float>? Test,
    ModelTask Task,
    IReadOnlyList<string>? ClassNames,
    string SourceKind,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Notes)
{
    /// <summary>One line per column left out or read differently from what it looks like.</summary>
    public IReadOnlyList<string> ColumnNotes { get; init; } = [];

    /// <summary>Number of output units: 1 for binary and regression, the class count for multiclass.</summary>
    public int Outputs => Train.Y.Dim(1);

    /// <summary>(n_H, n_W, n_C) when the examples are images, from the stored <see cref="InputShapeKey"/>; else null.</summary>
    public int[]? ImageShape => Metadata.TryGetValue(InputShapeKey, out var text)
        ? text.Split(',').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : null;

    /// <summary>The metadata key of one example's image shape, "64,64,3".</summary>
    public const string InputShapeKey = "input_shape";
}
