using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"positionalembedding","positions":T_max,"width":d} (its table is the tensor "P") or
/// {"type":"sinusoidalpositionalencoding","positions":T_max,"width":d} (no tensors: the table is rebuilt from the sizes).</summary>
public sealed class PositionalFormat(bool learned) : ModuleFormat
{
    public override string Type => learned ? "positionalembedding" : "sinusoidalpositionalencoding";

    public override bool Writes<T>(Module<T> module) => learned ? module is PositionalEmbedding<T> : module is SinusoidalPositionalEncoding<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var (positions, width) = module switch
        {
            PositionalEmbedding<T> e => (e.Positions, e.Width),
            SinusoidalPositionalEncoding<T> s => (s.Positions, s.Width),
            _ => throw new ArgumentException($"{module} is not a positional layer."),
        };
        entry["positions"] = positions;
        entry["width"] = width;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("positions", "width");
        int positions = settings.Int("positions"), width = settings.Int("width");
        return learned ? new PositionalEmbedding<T>(positions, width) : new SinusoidalPositionalEncoding<T>(positions, width);
    }
}
