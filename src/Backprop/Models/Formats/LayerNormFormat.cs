using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;
using Backprop.Ops;

namespace Backprop.Models.Formats;

/// <summary>{"type":"layernorm","features":n,"epsilon":1e-5}; γ and β are tensors ("gamma", "beta").</summary>
public sealed class LayerNormFormat : ModuleFormat
{
    public override string Type => "layernorm";
    public override bool Writes<T>(Module<T> module) => module is LayerNorm<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var norm = (LayerNorm<T>)module;
        entry["features"] = norm.Features;
        entry["epsilon"] = norm.Epsilon;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("features", "epsilon");
        return new LayerNorm<T>(settings.Int("features"), settings.Double("epsilon", Op.LayerNormEpsilon, 1e-300, 1));
    }
}
