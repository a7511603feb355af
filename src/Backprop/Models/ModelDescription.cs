using System.Text.Json.Nodes;
using Backprop.Serialization;

namespace Backprop.Models;

/// <summary>What a model file holds, read and validated without keeping the model (for <c>backprop summary</c>):
/// all metadata, the architecture and its layers, and the tensors with their types and shapes.</summary>
public sealed record ModelDescription(
    IReadOnlyDictionary<string, string> Metadata,
    JsonObject Architecture,
    IReadOnlyList<LayerDescription> Layers,
    IReadOnlyList<TensorEntry> Tensors)
{
    /// <summary>The element type the model was saved in: "float32" or "float64".</summary>
    public string DType =>
        Metadata.TryGetValue(ModelFile.DTypeKey, out var dtype) ? dtype
        : Tensors.Any(t => t.DType == Serialization.DType.F64) ? "float64" : "float32";

    /// <summary>The model format version written in the file.</summary>
    public string Version => Metadata[ModelFile.VersionKey];

    /// <summary>[n0, n1, …, nL] when the model is a sequential network of dense layers (with layers that keep the width
    /// between them); null otherwise.</summary>
    public int[]? LayerDims
    {
        get
        {
            if (Architecture["type"]?.GetValue<string>() != "sequential" || Architecture["layers"] is not JsonArray layers) return null;
            var dense = layers.OfType<JsonObject>().Where(l => l["type"]?.GetValue<string>() == "dense").ToList();
            if (dense.Count == 0 || layers.OfType<JsonObject>().Any(l => l["type"]?.GetValue<string>() is not ("dense" or "activation" or "dropout" or "batchnorm")))
                return null;
            return [dense[0]["inputs"]!.GetValue<int>(), .. dense.Select(l => l["units"]!.GetValue<int>())];
        }
    }

    /// <summary>Total number of trainable values (buffers such as running statistics excluded).</summary>
    public long ParameterCount => Tensors.Where(t => !ModelFile.IsBuffer(t.Name)).Sum(t => t.ElementCount);
}
