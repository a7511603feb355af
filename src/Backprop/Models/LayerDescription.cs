namespace Backprop.Models;

/// <summary>One layer as a model file's architecture records it: its place in the model ("2", or "3.1" inside a nested
/// sequential), its type ("dense") and its settings as text ("inputs 12288, units 20, activation relu").</summary>
public sealed record LayerDescription(string Place, string Type, string Settings)
{
    public override string ToString() => $"{Place}: {Type} ({Settings})";
}
