using Backprop.Models;
using Backprop.Data;
using Backprop.Training;

namespace Backprop.Cli.Inputs;

/// <summary>Data ready for a network (rows in memory, or image files streamed: <see cref="IExampleSet{T}"/>): scaled features, targets in the output layer's shape (0/1 column, one-hot rows or a
/// standardised value), the task, what must be stored in the model so evaluate/predict repeat the same steps, and notes:
/// <see cref="Notes"/> for people (imputed values, the planar default), <see cref="ColumnNotes"/> for every column left
/// out or reinterpreted, which are also stored in the model and which <c>--strict</c> turns into errors.</summary>
public sealed record PreparedData(
    IExampleSet<float> Train,
    IExampleSet<float>? Test,
    ModelTask Task,
    IReadOnlyList<string>? ClassNames,
    string SourceKind,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Notes)
{
    /// <summary>One line per column left out or read differently from what it looks like.</summary>
    public IReadOnlyList<string> ColumnNotes { get; init; } = [];

    /// <summary>Number of output units: 1 for binary and regression, the class count for multiclass.</summary>
    public int Outputs => Train.Outputs;

    /// <summary>(n_H, n_W, n_C) when the examples are images, from the stored <see cref="InputShapeKey"/>; else null.</summary>
    public int[]? ImageShape => Metadata.TryGetValue(InputShapeKey, out var text)
        ? text.Split(',').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : null;

    /// <summary>The metadata key of one example's image shape, "64,64,3".</summary>
    public const string InputShapeKey = "input_shape";

    /// <summary>Rows in memory, split into train and test.</summary>
    public static PreparedData InMemory(Dataset<float> train, Dataset<float>? test, ModelTask task, IReadOnlyList<string>? classNames,
        string sourceKind, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<string> notes) =>
        new(new DatasetExamples<float>(train), test is null ? null : new DatasetExamples<float>(test), task, classNames, sourceKind, metadata, notes);

    /// <summary>The training rows when they are in memory (tables, HDF5, IDX), else null (a streamed folder).</summary>
    public Dataset<float>? TrainRows => (Train as DatasetExamples<float>)?.Data;
}
