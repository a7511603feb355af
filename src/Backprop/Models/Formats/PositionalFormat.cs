using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"positionalembedding","positions":T_max,"width":d} (its table is the tensor "P") or
/// {"type":"sinusoidalpositionalencoding","positions":T_max,"width":d} (no tensors: the table is rebuilt from the sizes).</summary>
public sealed class PositionalFormat(bool learned) : ModuleFormat
{
    /// <summary>The most values a sinusoidal table read from a file may hold (2²⁶, 256 MB of floats).</summary>
    public const int MaxSinusoidalValues = 1 << 26;

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
        if (learned) return new PositionalEmbedding<T>(settings.Int("positions"), settings.Int("width"));
        // The sinusoidal table is not in the file, so its size cannot be checked against the file's values: it is bounded
        // by MaxSinusoidalValues instead (a width of d allows MaxSinusoidalValues / d positions).
        int width = settings.Bounded("width", MaxSinusoidalValues);
        return new SinusoidalPositionalEncoding<T>(settings.Bounded("positions", MaxSinusoidalValues / width), width);
    }
}
