using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Ops.Activations;
using Backprop.Serialization;

namespace Backprop.Models.Formats;

/// <summary>One module's entry in a model file's architecture, read field by field: each accessor checks its field's kind
/// and range and reports a problem as a <see cref="ModelFileException"/> naming the file and the module's place
/// ("layer 3"). Sizes are capped by the number of values the file holds, so a damaged header cannot make us allocate
/// more than the file could fill.</summary>
public sealed class ModuleSettings
{
    private readonly JsonObject _json;
    private readonly string _file;
    private readonly long _budget;

    internal ModuleSettings(JsonObject json, string file, string place, long budget)
    {
        (_json, _file, Place, _budget) = (json, file, place, budget);
    }

    /// <summary>Where the module sits, for messages: "layer 2", "layer 3 › block".</summary>
    public string Place { get; }

    /// <summary>The file being read.</summary>
    public string File => _file;

    /// <summary>A whole number ≥ <paramref name="min"/>.</summary>
    public int Int(string name, int min = 1)
    {
        var value = Field(name);
        if (value is JsonValue v && v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int n) && n >= min && n <= _budget + 1)
            return n;
        throw Fail($"\"{name}\" must be a whole number ≥ {min}, not {Shorten(value?.ToJsonString() ?? "null")}, and no larger than the file's tensors allow");
    }

    /// <summary>A whole number in [1, <paramref name="max"/>], for a size that no tensor in the file holds (the rows of a table
    /// rebuilt on load), so that the file's own values cannot cap it; <paramref name="max"/> bounds what a damaged file can
    /// make us allocate instead.</summary>
    public int Bounded(string name, int max)
    {
        var value = Field(name);
        if (value is JsonValue v && v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int n) && n >= 1 && n <= max)
            return n;
        throw Fail($"\"{name}\" must be a whole number from 1 to {max}, not {Shorten(value?.ToJsonString() ?? "null")}");
    }

    /// <summary>An optional whole number.</summary>
    public int Int(string name, int fallback, int min) => _json.ContainsKey(name) ? Int(name, min) : fallback;

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public double Double(string name, double fallback, double min, double max)
    {
        if (!_json.ContainsKey(name)) return fallback;
        var value = Field(name);
        if (value is JsonValue v && v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double d) && d >= min && d <= max)
            return d;
        throw Fail($"\"{name}\" must be a number in [{min}, {max}], not {Shorten(value?.ToJsonString() ?? "null")}");
    }

    /// <summary>true or false, or <paramref name="fallback"/> when absent.</summary>
    public bool Bool(string name, bool fallback)
    {
        if (!_json.ContainsKey(name)) return fallback;
        var value = Field(name);
        if (value is JsonValue v && v.TryGetValue(out JsonElement e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        throw Fail($"\"{name}\" must be true or false, not {Shorten(value?.ToJsonString() ?? "null")}");
    }

    /// <summary>A string.</summary>
    public string String(string name)
    {
        var value = Field(name);
        return value is JsonValue v && v.TryGetValue(out string? s) ? s : throw Fail($"\"{name}\" must be a string");
    }

    /// <summary>An activation by name ("relu", "leaky-relu:0.2").</summary>
    public IActivation Activation(string name)
    {
        var text = String(name);
        try { return Ops.Activations.Activation.Parse(text); }
        catch (ArgumentException e) { throw Fail(e.Message); }
    }

    /// <summary>A list of child module entries.</summary>
    public IReadOnlyList<JsonObject> Objects(string name)
    {
        if (Field(name) is not JsonArray list) throw Fail($"\"{name}\" must be a list of modules");
        if (list.Count == 0) throw Fail($"\"{name}\" is empty");
        return list.Select((item, i) => item as JsonObject ?? throw Fail($"entry {i + 1} of \"{name}\" is not an object")).ToList();
    }

    /// <summary>Throws when the entry has a field this version does not know (a newer file, or damage).</summary>
    public void AllowOnly(params string[] names)
    {
        foreach (var (key, _) in _json)
            if (key != "type" && !names.Contains(key))
                throw Fail($"has a setting '{Shorten(key)}' this version of Backprop does not know");
    }

    /// <summary>A model-file error about this module.</summary>
    public ModelFileException Fail(string reason) => new(_file, $"architecture {Place}: {reason}");

    private JsonNode? Field(string name) =>
        _json.TryGetPropertyValue(name, out var node) ? node : throw Fail($"has no \"{name}\"");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
