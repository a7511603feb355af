using System.Numerics;
using System.Text.Json.Nodes;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"lstm","inputs":n_x,"units":H,"output":"sequences"|"last"}: the shared shape of the recurrent layers'
/// entries (<see cref="SimpleRnnFormat"/>, <see cref="LstmFormat"/>, <see cref="GruFormat"/>).</summary>
public abstract class RecurrentFormat : ModuleFormat
{
    private const string Sequences = "sequences", Last = "last";

    /// <summary>(n_x, H, returns every step) of a module this format writes.</summary>
    protected abstract (int Inputs, int Units, bool ReturnSequences) Settings<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The layer from its settings.</summary>
    protected abstract Module<T> Create<T>(int inputs, int units, bool returnSequences) where T : unmanaged, IFloatingPointIeee754<T>;

    public override void Describe<T>(Module<T> module, JsonObject entry, Func<Module<T>, JsonObject> describe)
    {
        var (inputs, units, sequences) = Settings(module);
        entry["inputs"] = inputs;
        entry["units"] = units;
        entry["output"] = sequences ? Sequences : Last;
    }

    public override Module<T> Build<T>(ModuleSettings settings, Func<JsonObject, string, Module<T>> build)
    {
        settings.AllowOnly("inputs", "units", "output");
        var output = settings.String("output");
        if (output is not (Sequences or Last))
            throw settings.Fail($"\"output\" must be \"sequences\" or \"last\", not \"{output}\"");
        return Create<T>(settings.Int("inputs"), settings.Int("units"), output == Sequences);
    }
}
