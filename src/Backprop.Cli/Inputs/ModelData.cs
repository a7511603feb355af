using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Inputs;

/// <summary>A saved model's inputs, with targets in the output's shape when evaluating (<see cref="HasTargets"/>), read in
/// batches (rows in memory, or image files streamed), and a name per row.</summary>
public sealed record ModelData(IExampleSet<float> Examples, bool HasTargets, string[] RowNames)
{
    /// <summary>Rows X [m × n₀] in memory, named 1 … m as in the file; Y is null when predicting.</summary>
    public static ModelData Numbered(Tensor<float> x, Tensor<float>? y) =>
        new(new DatasetExamples<float>(new Backprop.Data.Dataset<float>(x, y ?? Tensor<float>.Zeros(x.Dim(0), 1))), y is not null, Names(x.Dim(0)));

    /// <summary>1 … m.</summary>
    public static string[] Names(int count) =>
        Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
