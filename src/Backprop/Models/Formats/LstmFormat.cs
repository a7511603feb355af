using System.Numerics;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"lstm","inputs":n_x,"units":H,"output":"sequences"|"last"} for <see cref="Lstm{T}"/>.</summary>
public sealed class LstmFormat : RecurrentFormat
{
    public override string Type => "lstm";
    public override bool Writes<T>(Module<T> module) => module is Lstm<T>;

    protected override (int Inputs, int Units, bool ReturnSequences) Settings<T>(Module<T> module)
    {
        var layer = (Lstm<T>)module;
        return (layer.InputSize, layer.HiddenSize, layer.ReturnSequences);
    }

    protected override Module<T> Create<T>(int inputs, int units, bool returnSequences) => new Lstm<T>(inputs, units, returnSequences);
}
