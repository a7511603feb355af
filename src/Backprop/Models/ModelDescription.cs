using Backprop.Serialization;

namespace Backprop.Models;

/// <summary>What a model file holds, read and validated without building the model (for <c>backprop summary</c>):
/// all metadata, the layers of its architecture, and its tensors with their types and shapes.</summary>
public sealed record ModelDescription(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<LayerDescription> Layers,
    IReadOnlyList<TensorEntry> Tensors)
{
    /// <summary>The element type the model was saved in: "float32" or "float64".</summary>
    public string DType =>
        Metadata.TryGetValue(ModelFile.DTypeKey, out var dtype) ? dtype
        : Tensors.Any(t => t.DType == Serialization.DType.F64) ? "float64" : "float32";

    /// <summary>The model format version written in the file.</summary>
    public string Version => Metadata[ModelFile.VersionKey];

    /// <summary>[n0, n1, …, nL].</summary>
    public int[] LayerDims => [Layers[0].Inputs, .. Layers.Select(l => l.Units)];

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount => Tensors.Sum(t => t.ElementCount);
}
