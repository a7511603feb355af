using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"dense","inputs":n[l−1],"units":n[l],"activation":"relu"}.</summary>
public sealed class DenseFormat : ModuleFormat
{
    public override string Type => "dense";
    public override bool Writes<T>(Module<T> module) => module is Dense<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var dense = (Dense<T>)module;
        entry["inputs"] = dense.InputSize;
        entry["units"] = dense.OutputSize;
        entry["activation"] = dense.Activation.Name;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("inputs", "units", "activation");
        return new Dense<T>(settings.Int("inputs"), settings.Int("units"), settings.Activation("activation"));
    }
}
