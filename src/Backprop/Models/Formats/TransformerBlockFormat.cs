using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;
using Backprop.Ops;

namespace Backprop.Models.Formats;

/// <summary>{"type":"transformerblock","width":d_model,"heads":h,"hidden":n,"dropout":0,"causal":false,"epsilon":1e-5,
/// "seed":0}; tensors "attentionNorm.gamma", "attention.query.W", …, "contract.b".</summary>
public sealed class TransformerBlockFormat : ModuleFormat
{
    public override string Type => "transformerblock";
    public override bool Writes<T>(Module<T> module) => module is TransformerBlock<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var block = (TransformerBlock<T>)module;
        entry["width"] = block.Attention.Width;
        entry["heads"] = block.Attention.Heads;
        entry["hidden"] = block.Expand.OutputSize;
        entry["dropout"] = block.Attention.DropoutRate;
        entry["causal"] = block.Attention.Causal;
        entry["epsilon"] = block.AttentionNorm.Epsilon;
        entry["seed"] = block.Attention.Seed;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("width", "heads", "hidden", "dropout", "causal", "epsilon", "seed");
        return new TransformerBlock<T>(settings.Int("width"), settings.Int("heads"), settings.Int("hidden"), settings.Double("dropout", 0, 0, 0.999999),
            settings.Bool("causal", false), settings.Double("epsilon", Op.LayerNormEpsilon, 1e-300, 1), (uint)settings.Double("seed", 0, 0, uint.MaxValue));
    }
}
