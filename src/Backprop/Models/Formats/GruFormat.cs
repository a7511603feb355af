using System.Numerics;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"gru","inputs":n_x,"units":H,"output":"sequences"|"last"} for <see cref="Gru{T}"/>.</summary>
public sealed class GruFormat : RecurrentFormat
{
    public override string Type => "gru";
    public override bool Writes<T>(Module<T> module) => module is Gru<T>;

    protected override (int Inputs, int Units, bool ReturnSequences) Settings<T>(Module<T> module)
    {
        var layer = (Gru<T>)module;
        return (layer.InputSize, layer.HiddenSize, layer.ReturnSequences);
    }

    protected override Module<T> Create<T>(int inputs, int units, bool returnSequences) => new Gru<T>(inputs, units, returnSequences);
}
