using Backprop.Models;
using Backprop.Data;

namespace Backprop.Cli.Training;

/// <summary>Data ready for a network: scaled features, targets in the output layer's shape (0/1 column, one-hot rows or a
/// standardised value), the task, and what must be stored in the model so evaluate/predict repeat the same steps.</summary>
public sealed record PreparedData(
    Dataset<float> Train,
    Dataset<float>? Test,
    ModelTask Task,
    IReadOnlyList<string>? ClassNames,
    string SourceKind,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Notes)
{
    /// <summary>Number of output units: 1 for binary and regression, the class count for multiclass.</summary>
    public int Outputs => Train.Y.Dim(1);
}
