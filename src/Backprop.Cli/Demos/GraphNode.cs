namespace Backprop.Cli.Demos;

/// <summary>One tensor of a recorded graph: its label (the tensor's name), its value and gradient (first element), the
/// indices of the tensors it was computed from, and its depth (0 for a leaf, else 1 + the deepest input).</summary>
public sealed record GraphNode(string Label, double Value, double Gradient, IReadOnlyList<int> Inputs, int Depth);
