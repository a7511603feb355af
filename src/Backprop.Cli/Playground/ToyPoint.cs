namespace Backprop.Cli.Playground;

/// <summary>One example of a two-feature dataset: the raw features and the label (0/1 for classification, a number for
/// regression).</summary>
public readonly record struct ToyPoint(double X1, double X2, double Label);
