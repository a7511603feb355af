using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"activation","activation":"relu"}.</summary>
public sealed class ActivationFormat : ModuleFormat
{
    public override string Type => "activation";
    public override bool Writes<T>(Module<T> module) => module is ActivationLayer<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe) =>
        entry["activation"] = ((ActivationLayer<T>)module).Activation.Name;

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("activation");
        return new ActivationLayer<T>(settings.Activation("activation"));
    }
}
