namespace Backprop.Models;

/// <summary>One layer as a model file's architecture records it: its type ("dense"), n[l−1] inputs, n[l] units and
/// the activation's name as <see cref="Layers.Activations.Activation.Parse"/> reads it ("relu", "leaky-relu:0.2").</summary>
public sealed record LayerDescription(string Type, int Inputs, int Units, string Activation)
{
    /// <summary>Trainable values: W (units × inputs) plus b (units).</summary>
    public long ParameterCount => (long)Units * Inputs + Units;

    public override string ToString() => $"{Type} {Inputs} → {Units}, {Activation}";
}
