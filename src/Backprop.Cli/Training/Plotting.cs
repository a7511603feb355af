using Backprop.Cli.Output;
using Backprop.Models;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary>The PNGs of a run: the cost curve at <c>--plot</c> and, for two-feature classification, the decision boundary
/// beside it (<c>NAME-boundary.png</c>).</summary>
public static class Plotting
{
    public static IReadOnlyList<string> Write(TrainSettings s, PreparedData data, Sequential<float> model, TrainingHistory history, RunReport report)
    {
        if (s.Plot is null) return [];
        var written = new List<string>();
        var validation = history.Epochs.Where(e => e.ValidationCost is not null)
            .Select(e => (Step: (e.Epoch + 1) * Math.Max(1, history.StepsCompleted / Math.Max(1, history.Epochs.Count)) - 1, Cost: e.ValidationCost!.Value)).ToList();
        Plots.CostCurve(s.Plot, history.Costs, validation, $"Cost of the {report.Task.Name()} network [{string.Join(", ", report.LayerDims)}]");
        written.Add(s.Plot);
        if (data.Train.FeatureCount == 2 && data.Task != TaskKind.Regression)
        {
            var boundary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(s.Plot))!, Path.GetFileNameWithoutExtension(s.Plot) + "-boundary.png");
            var x = data.Train.X;
            var labels = data.Train.Labels();
            Plots.DecisionBoundary(boundary, Column(x, 0), Column(x, 1), labels, points => Probability(model, points, data.Task), "Decision boundary");
            written.Add(boundary);
        }
        return written;
    }

    private static double[] Column(Tensor<float> x, int j) => Enumerable.Range(0, x.Dim(0)).Select(i => (double)x[i, j]).ToArray();

    private static double[] Probability(Sequential<float> model, double[,] points, TaskKind task)
    {
        int m = points.GetLength(0);
        var x = Tensor<float>.Zeros(m, 2);
        for (int i = 0; i < m; i++) { x[i, 0] = (float)points[i, 0]; x[i, 1] = (float)points[i, 1]; }
        var a = model.Forward(x);
        return Enumerable.Range(0, m).Select(i => task == TaskKind.Binary ? a[i, 0] : a.Row(i).ArgMax()).Select(v => (double)v).ToArray();
    }
}
