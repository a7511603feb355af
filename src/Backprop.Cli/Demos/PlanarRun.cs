using Backprop.Models;

namespace Backprop.Cli.Demos;

/// <summary>One training run on the course's planar flower (400 points, 2 features): the accuracy reached on those points
/// (the notes' training accuracy), the cost curve, and why training stopped early, if it did.</summary>
public sealed record PlanarRun(string Name, Sequential<double> Model, double Accuracy, IReadOnlyList<(int Step, double Cost)> Costs, string? StopReason)
{
    public double FinalCost => Costs[^1].Cost;
}
