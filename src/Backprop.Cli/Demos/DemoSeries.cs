namespace Backprop.Cli.Demos;

/// <summary>One named line of a demo figure: y against x, dashed when <see cref="Dashed"/> (a derivative beside its function).</summary>
public sealed record DemoSeries(string Name, double[] X, double[] Y, bool Dashed = false, int ColorIndex = -1);
