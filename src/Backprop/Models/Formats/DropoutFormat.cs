using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"dropout","rate":0.2,"seed":0}.</summary>
public sealed class DropoutFormat : ModuleFormat
{
    public override string Type => "dropout";
    public override bool Writes<T>(Module<T> module) => module is Dropout<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var dropout = (Dropout<T>)module;
        entry["rate"] = dropout.Rate;
        entry["seed"] = dropout.Seed;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("rate", "seed");
        return new Dropout<T>(settings.Double("rate", 0, 0, 0.999999), (uint)settings.Double("seed", 0, 0, uint.MaxValue));
    }
}
