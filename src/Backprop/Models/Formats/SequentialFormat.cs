using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"sequential","layers":[…]}: the layers in order.</summary>
public sealed class SequentialFormat : ModuleFormat
{
    public override string Type => "sequential";
    public override bool Writes<T>(Module<T> module) => module is Sequential<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe) =>
        entry["layers"] = new JsonArray(((Sequential<T>)module).Layers.Select(l => (JsonNode)describe(l)).ToArray());

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("layers");
        var layers = settings.Objects("layers");
        var modules = layers.Select((entry, l) => build(entry, "layer " + (l + 1).ToString(CultureInfo.InvariantCulture))).ToArray();
        try { return new Sequential<T>(modules); }
        catch (ArgumentException e) { throw settings.Fail(e.Message); }
    }
}
