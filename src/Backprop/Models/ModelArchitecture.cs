using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Layers;
using Backprop.Models.Formats;
using Backprop.Serialization;

namespace Backprop.Models;

/// <summary>The architecture text of a model file: <c>{"module":{"type":"sequential","layers":[{"type":"dense",
/// "inputs":12288,"units":20,"activation":"relu"}, …]}}</c> — a tree of module entries, each written and read by its
/// <see cref="ModuleFormat"/>. Format version 1 files, <c>{"layers":[dense, …]}</c>, read as a sequential network.
/// Only known types, and custom types the caller registered, are ever built.</summary>
internal static class ModelArchitecture
{
    /// <summary>The entry tree of <paramref name="module"/>.</summary>
    public static JsonObject Describe<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var format = ModuleFormats.BuiltIn.FirstOrDefault(f => f.Writes(module));
        if (format is null)
            return new JsonObject { ["type"] = ModuleFormats.CustomType, ["name"] = ModuleRegistry<T>.NameOf(module.GetType()) };
        var entry = new JsonObject { ["type"] = format.Type };
        format.Describe(module, entry, Describe);
        return entry;
    }

    public static string ToJson(JsonObject root) => new JsonObject { ["module"] = root }.ToJsonString();

    /// <summary>The module entry of an architecture text of either format version.</summary>
    public static JsonObject Parse(string text, string source)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ModelFileException(source, $"the architecture in the metadata is not valid JSON ({e.Message})");
        }
        if (document is JsonObject { Count: 1 } root && root["module"] is JsonObject module) return module;
        if (document is JsonObject { Count: 1 } v1 && v1["layers"] is JsonArray layers)
        {
            if (layers.Count == 0) throw new ModelFileException(source, "the architecture has no layers");
            return new JsonObject { ["type"] = "sequential", ["layers"] = layers.DeepClone() };
        }
        throw new ModelFileException(source, "the architecture must be an object with a \"module\" (or, in format version 1, a list of \"layers\")");
    }

    /// <summary>Builds the module tree of <paramref name="entry"/>. <paramref name="budget"/> caps any size at the number of
    /// values the file holds.</summary>
    public static Module<T> Build<T>(JsonObject entry, string source, long budget, ModuleRegistry<T>? registry, string place = "model")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var settings = new ModuleSettings(entry, source, place, budget);
        var type = settings.String("type");
        if (type == ModuleFormats.CustomType)
        {
            settings.AllowOnly("name");
            var name = settings.String("name");
            var factory = registry?.Find(name)
                ?? throw settings.Fail($"the model uses the custom module '{name}'; register it (new ModuleRegistry<T>().Add(() => new {name}(…))) and pass the registry to ModelFile.Load");
            return factory();
        }
        var format = ModuleFormats.Find(type)
            ?? throw settings.Fail($"has type '{(type.Length <= 40 ? type : type[..40] + "…")}', which this version of Backprop cannot build (it knows: {string.Join(", ", ModuleFormats.BuiltIn.Select(f => f.Type))}, custom)");
        try
        {
            return format.Build<T>(settings, (child, childPlace) => Build(child, source, budget, registry, place == "model" ? childPlace : $"{place} › {childPlace}"));
        }
        catch (ArgumentException e)
        {
            throw settings.Fail(e.Message);
        }
    }

    /// <summary>Every entry below <paramref name="entry"/> that is not a container, with its place, for summaries.</summary>
    public static IEnumerable<LayerDescription> Flatten(JsonObject entry, string place = "model")
    {
        var type = entry["type"]?.GetValue<string>() ?? "?";
        if (type == "sequential" && entry["layers"] is JsonArray layers)
        {
            int l = 0;
            foreach (var child in layers.OfType<JsonObject>())
            {
                l++;
                foreach (var d in Flatten(child, place == "model" ? $"{l}" : $"{place}.{l}")) yield return d;
            }
            yield break;
        }
        var settings = string.Join(", ", entry.Where(kv => kv.Key != "type").Select(kv => $"{kv.Key} {kv.Value?.ToJsonString().Trim('"')}"));
        yield return new LayerDescription(place, type, settings);
    }
}
