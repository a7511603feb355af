using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"multiheadattention","width":d_model,"heads":h,"key_width":d_k,"value_width":d_v,"dropout":0,
/// "causal":false,"seed":0}; the four projections are tensors "query.W", "query.b", "key.W", …, "output.b".</summary>
public sealed class MultiHeadAttentionFormat : ModuleFormat
{
    public override string Type => "multiheadattention";
    public override bool Writes<T>(Module<T> module) => module is MultiHeadAttention<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var attention = (MultiHeadAttention<T>)module;
        entry["width"] = attention.Width;
        entry["heads"] = attention.Heads;
        entry["key_width"] = attention.KeyWidth;
        entry["value_width"] = attention.ValueWidth;
        entry["dropout"] = attention.DropoutRate;
        entry["causal"] = attention.Causal;
        entry["seed"] = attention.Seed;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("width", "heads", "key_width", "value_width", "dropout", "causal", "seed");
        return new MultiHeadAttention<T>(settings.Int("width"), settings.Int("heads"), settings.Int("key_width"), settings.Int("value_width"),
            settings.Double("dropout", 0, 0, 0.999999), settings.Bool("causal", false), (uint)settings.Double("seed", 0, 0, uint.MaxValue));
    }
}
