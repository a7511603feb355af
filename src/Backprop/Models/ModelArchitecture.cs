using System.Numerics;
using System.Text.Json;
using Backprop.Layers;
using Backprop.Layers.Activations;
using Backprop.Serialization;

namespace Backprop.Models;

/// <summary>The architecture text of a model file, <c>{"layers":[{"type":"dense","inputs":12288,"units":20,
/// "activation":"relu"}, …]}</c>: written from a model, and read back into layer descriptions that are checked field
/// by field. Only layer types this version knows are accepted; nothing named in the file is instantiated by name.</summary>
internal static class ModelArchitecture
{
    public const string DenseType = "dense";

    public static IReadOnlyList<LayerDescription> Describe<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Layers.Select((layer, l) => layer is Dense<T> dense
                ? new LayerDescription(DenseType, dense.InputSize, dense.OutputSize, dense.Activation.Name)
                : throw new NotSupportedException($"Model files hold dense layers only; layer {l + 1} is {layer.GetType().Name}."))
            .ToList();

    public static string ToJson(IReadOnlyList<LayerDescription> layers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                json.WriteStartObject();
                json.WriteString("type", layer.Type);
                json.WriteNumber("inputs", layer.Inputs);
                json.WriteNumber("units", layer.Units);
                json.WriteString("activation", layer.Activation);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The layers in <paramref name="text"/>, each a known type with positive sizes and a known activation,
    /// each taking as many inputs as the previous one has units.</summary>
    public static IReadOnlyList<LayerDescription> Parse(string text, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("layers", out var list) || list.ValueKind != JsonValueKind.Array)
                throw Fail(source, "the architecture must be an object with a list of \"layers\"");
            if (list.GetArrayLength() == 0) throw Fail(source, "the architecture has no layers");
            var layers = new List<LayerDescription>();
            foreach (var element in list.EnumerateArray())
            {
                var layer = ParseLayer(element, layers.Count + 1, source);
                if (layers.Count > 0 && layer.Inputs != layers[^1].Units)
                    throw Fail(source, $"architecture layer {layers.Count + 1} takes {layer.Inputs} inputs but layer {layers.Count} gives {layers[^1].Units}");
                layers.Add(layer);
            }
            return layers;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Fail(source, $"the architecture in the metadata is not valid JSON ({e.Message})");
        }
    }

    private static LayerDescription ParseLayer(JsonElement element, int number, string source)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Fail(source, $"architecture layer {number} is not an object");
        string? type = null, activation = null;
        int inputs = 0, units = 0;
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "type": type = RequireString(field.Value, number, "type", source); break;
                case "activation": activation = RequireString(field.Value, number, "activation", source); break;
                case "inputs": inputs = RequireSize(field.Value, number, "inputs", source); break;
                case "units": units = RequireSize(field.Value, number, "units", source); break;
                default: throw Fail(source, $"architecture layer {number} has a setting '{Shorten(field.Name)}' this version of Backprop does not know");
            }
        }
        if (type is null) throw Fail(source, $"architecture layer {number} has no type");
        if (type != DenseType)
            throw Fail(source, $"architecture layer {number} has type '{Shorten(type)}', which this version of Backprop cannot build (it knows: {DenseType})");
        if (inputs == 0) throw Fail(source, $"architecture layer {number} has no \"inputs\" count");
        if (units == 0) throw Fail(source, $"architecture layer {number} has no \"units\" count");
        if (activation is null) throw Fail(source, $"architecture layer {number} has no activation");
        try
        {
            Activation.Parse(activation);
        }
        catch (ArgumentException e)
        {
            throw Fail(source, $"architecture layer {number}: {e.Message}");
        }
        return new LayerDescription(type, inputs, units, activation);
    }

    /// <summary>The tensors the layers need, in file order: (W1, (n1, n0)), (b1, (n1)), (W2, …), ….</summary>
    public static IEnumerable<(string Name, int[] Shape, int Layer)> ExpectedTensors(IReadOnlyList<LayerDescription> layers)
    {
        for (int l = 0; l < layers.Count; l++)
        {
            yield return ($"W{l + 1}", [layers[l].Units, layers[l].Inputs], l + 1);
            yield return ($"b{l + 1}", [layers[l].Units], l + 1);
        }
    }

    private static string RequireString(JsonElement value, int number, string field, string source) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Fail(source, $"architecture layer {number}: \"{field}\" must be a string");

    private static int RequireSize(JsonElement value, int number, string field, string source) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n > 0
            ? n
            : throw Fail(source, $"architecture layer {number}: \"{field}\" must be a whole number ≥ 1, not {Shorten(value.GetRawText())}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static ModelFileException Fail(string source, string reason) => new(source, reason);
}
