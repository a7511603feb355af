using System.Numerics;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>{"type":"simple-rnn","inputs":n_x,"units":H,"output":"sequences"|"last"} for <see cref="SimpleRnn{T}"/>.</summary>
public sealed class SimpleRnnFormat : RecurrentFormat
{
    public override string Type => "simple-rnn";
    public override bool Writes<T>(Module<T> module) => module is SimpleRnn<T>;

    protected override (int Inputs, int Units, bool ReturnSequences) Settings<T>(Module<T> module)
    {
        var layer = (SimpleRnn<T>)module;
        return (layer.InputSize, layer.HiddenSize, layer.ReturnSequences);
    }

    protected override Module<T> Create<T>(int inputs, int units, bool returnSequences) => new SimpleRnn<T>(inputs, units, returnSequences);
}
