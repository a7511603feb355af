using System.Text;
using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Serialization;

/// <summary>Turns the header's JSON into metadata and tensor entries, trusting nothing: every field's kind, every
/// dtype, shape and offset is checked, and the byte ranges must tile [0, data length) exactly — no gaps, no overlaps,
/// nothing past the end. Reads the JSON as a plain document; no type named in the file is ever instantiated.</summary>
internal static class SafeTensorsHeaderParser
{
    private const string MetadataKey = "__metadata__";
    private const int MaxRank = 64;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] OtherSafeTensorsTypes =
        ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "I64", "U64"];

    public static SafeTensorsHeader Parse(byte[] json, long dataLength, string source)
    {
        try
        {
            StrictUtf8.GetString(json);
        }
        catch (DecoderFallbackException)
        {
            throw Fail(source, "the header is not valid UTF-8 text; this is not a model file or it is corrupt");
        }
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            return Parse(document.RootElement, json.LongLength, dataLength, source);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Fail(source, $"the header is not valid JSON ({e.Message})");
        }
    }

    private static SafeTensorsHeader Parse(JsonElement root, long headerLength, long dataLength, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"the header must be a JSON object; it is {Describe(root.ValueKind)}");
        Dictionary<string, string>? metadata = null;
        var entries = new List<TensorEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == MetadataKey)
            {
                if (metadata is not null) throw Fail(source, "the header has two __metadata__ entries");
                metadata = ParseMetadata(property.Value, source);
            }
            else
            {
                if (!names.Add(property.Name)) throw Fail(source, $"tensor {Quote(property.Name)} is listed twice in the header");
                entries.Add(ParseEntry(property.Name, property.Value, source));
            }
        }
        CheckTiling(entries, dataLength, source);
        return new SafeTensorsHeader(metadata ?? [], entries, headerLength, dataLength);
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"__metadata__ must be an object of strings; it is {Describe(element.ValueKind)}");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Fail(source, $"__metadata__ value {Quote(item.Name)} must be a string; it is {Describe(item.Value.ValueKind)}");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw Fail(source, $"__metadata__ has two values named {Quote(item.Name)}");
        }
        return metadata;
    }

    private static TensorEntry ParseEntry(string name, JsonElement element, string source)
    {
        if (name.Length == 0) throw Fail(source, "a tensor in the header has an empty name");
        if (element.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"tensor {Quote(name)} must be described by an object; it is {Describe(element.ValueKind)}");
        JsonElement? dtypeField = null, shapeField = null, offsetsField = null;
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeField is null: dtypeField = field.Value; break;
                case "shape" when shapeField is null: shapeField = field.Value; break;
                case "data_offsets" when offsetsField is null: offsetsField = field.Value; break;
                case "dtype" or "shape" or "data_offsets": throw Fail(source, $"tensor {Quote(name)} has two {Quote(field.Name)} fields");
                default: throw Fail(source, $"tensor {Quote(name)} has an unexpected field {Quote(field.Name)}");
            }
        }
        var dtype = ParseDType(name, dtypeField ?? throw Fail(source, $"tensor {Quote(name)} has no dtype"), source);
        var shape = ParseShape(name, shapeField ?? throw Fail(source, $"tensor {Quote(name)} has no shape"), source);
        var (begin, end) = ParseOffsets(name, offsetsField ?? throw Fail(source, $"tensor {Quote(name)} has no data_offsets"), source);

        long count = ElementCount(name, shape, source);
        if (count * dtype.Size > Array.MaxLength)
            throw Fail(source, $"tensor {Quote(name)} of shape {ShapeMath.Format(shape)} is larger than Backprop can load ({count * dtype.Size} bytes)");
        if (end - begin != count * dtype.Size)
            throw Fail(source, $"tensor {Quote(name)} of shape {ShapeMath.Format(shape)} in {dtype} needs {count * dtype.Size} bytes, but its data_offsets [{begin}, {end}] span {end - begin}");
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static DType ParseDType(string name, JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.String)
            throw Fail(source, $"tensor {Quote(name)} has a dtype that is not a string ({Describe(element.ValueKind)})");
        var text = element.GetString()!;
        if (DType.TryParse(text, out var dtype)) return dtype;
        throw Fail(source, OtherSafeTensorsTypes.Contains(text)
            ? $"tensor {Quote(name)} has dtype {text}, which Backprop does not read (it reads F32 and F64)"
            : $"tensor {Quote(name)} has an unknown dtype '{Shorten(text)}' (expected F32 or F64)");
    }

    private static int[] ParseShape(string name, JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Fail(source, $"tensor {Quote(name)} has a shape that is not a list of sizes ({Describe(element.ValueKind)})");
        int rank = element.GetArrayLength();
        if (rank > MaxRank) throw Fail(source, $"tensor {Quote(name)} has {rank} dimensions; at most {MaxRank} are allowed");
        var shape = new int[rank];
        int k = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out int d) || d < 0)
                throw Fail(source, $"tensor {Quote(name)} has an invalid shape: dimension {k} is {Shorten(item.GetRawText())}, not a size from 0 to {int.MaxValue}");
            shape[k++] = d;
        }
        return shape;
    }

    private static (long Begin, long End) ParseOffsets(string name, JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
            throw Fail(source, $"tensor {Quote(name)} must have data_offsets [begin, end]; it has {Shorten(element.GetRawText())}");
        var items = element.EnumerateArray().ToArray();
        if (!TryGetOffset(items[0], out long begin) || !TryGetOffset(items[1], out long end))
            throw Fail(source, $"tensor {Quote(name)} has data_offsets {Shorten(element.GetRawText())}; both must be whole numbers ≥ 0");
        if (end < begin)
            throw Fail(source, $"tensor {Quote(name)} has data_offsets [{begin}, {end}] that end before they begin");
        return (begin, end);
    }

    private static bool TryGetOffset(JsonElement item, out long value)
    {
        value = 0;
        return item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out value) && value >= 0;
    }

    private static long ElementCount(string name, int[] shape, string source)
    {
        if (shape.Contains(0)) return 0;
        long count = 1;
        foreach (int d in shape)
        {
            count *= d; // count ≤ Array.MaxLength < 2³¹ and d < 2³¹, so this cannot overflow a long
            if (count > Array.MaxLength)
                throw Fail(source, $"tensor {Quote(name)} of shape {ShapeMath.Format(shape)} has more elements than Backprop can load");
        }
        return count;
    }

    /// <summary>Sorted by offset, range k must begin where range k−1 ends, the first at 0 and the last at the data length.</summary>
    private static void CheckTiling(List<TensorEntry> entries, long dataLength, string source)
    {
        var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long expected = 0;
        TensorEntry? previous = null;
        foreach (var entry in ordered)
        {
            if (entry.Begin < expected)
                throw Fail(source, $"tensors {Quote(previous!.Name)} and {Quote(entry.Name)} overlap in the data section (bytes {entry.Begin} to {Math.Min(expected, entry.End)})");
            if (entry.Begin > expected)
                throw Fail(source, $"{entry.Begin - expected} bytes of the data section before tensor {Quote(entry.Name)} belong to no tensor (a gap at byte {expected})");
            expected = entry.End;
            previous = entry;
        }
        if (expected > dataLength)
            throw Fail(source, $"truncated: header says {expected} bytes of tensor data, file has {dataLength}");
        if (expected < dataLength)
            throw Fail(source, $"{dataLength - expected} bytes after the tensor data belong to no tensor (header accounts for {expected} of {dataLength})");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>A name from the file, quoted and cut short: the file may hold anything, and messages end up on a terminal.</summary>
    private static string Quote(string name) => "'" + Shorten(name) + "'";

    private static ModelFileException Fail(string source, string reason) => new(source, reason);
}
