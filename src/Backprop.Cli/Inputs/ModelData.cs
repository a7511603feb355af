using Backprop.Tensors;

namespace Backprop.Cli.Inputs;

/// <summary>A saved model's inputs X [m × n₀], its targets Y in the output's shape when evaluating, and a name per row.</summary>
public sealed record ModelData(Tensor<float> X, Tensor<float>? Y, string[] RowNames)
{
    /// <summary>Rows named 1 … m, as in the file.</summary>
    public static ModelData Numbered(Tensor<float> x, Tensor<float>? y) =>
        new(x, y, Enumerable.Range(1, x.Dim(0)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}
