using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"batchnorm","features":n,"momentum":0.1,"epsilon":1e-5}; γ, β and the running statistics are tensors.</summary>
public sealed class BatchNormFormat : ModuleFormat
{
    public override string Type => "batchnorm";
    public override bool Writes<T>(Module<T> module) => module is BatchNorm<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var norm = (BatchNorm<T>)module;
        entry["features"] = norm.Features;
        entry["momentum"] = norm.Momentum;
        entry["epsilon"] = norm.Epsilon;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("features", "momentum", "epsilon");
        return new BatchNorm<T>(settings.Int("features"), settings.Double("momentum", 0.1, 0, 1), settings.Double("epsilon", 1e-5, 1e-300, 1));
    }
}
