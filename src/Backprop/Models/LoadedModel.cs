using System.Numerics;
using Backprop.Layers;

namespace Backprop.Models;

/// <summary>A model read back from a file, with every <c>__metadata__</c> string the file holds: the reserved
/// <c>format</c>, <c>version</c>, <c>architecture</c> and <c>dtype</c>, plus whatever the saver added
/// (preprocessing, training settings, metrics).</summary>
public sealed record LoadedModel<T>(Module<T> Model, IReadOnlyDictionary<string, string> Metadata)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>n[0], the input features of a network that starts with a dense layer.</summary>
    public int InputSize => (Model as Sequential<T>)?.InputSize ?? (Model as Dense<T>)?.InputSize
        ?? throw new InvalidOperationException("This model does not start with a dense layer, so it has no fixed number of input features.");

    /// <summary>n[L], the outputs of a network that ends with a dense layer.</summary>
    public int OutputSize => (Model as Sequential<T>)?.OutputSize ?? (Model as Dense<T>)?.OutputSize
        ?? throw new InvalidOperationException("This model does not end with a dense layer, so its number of outputs is not known before it runs.");

    /// <summary>[n0, n1, …, nL] of a sequential dense network.</summary>
    public int[] LayerDims => (Model as Sequential<T>)?.LayerDims ?? [InputSize, OutputSize];
}
