using Backprop.Cli.Inputs;
using Backprop.Cli.Output;
using Backprop.Models;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Runs;

/// <summary>The PNGs of a run, unless <c>--no-plot</c>: the cost curve (<c>--plot</c>, else <c>OUT-cost.png</c> beside the
/// model) and, for two-feature classification, the decision boundary (<see cref="TrainSettings.BoundaryPlotPath"/>).</summary>
public static class Plotting
{
    public static IReadOnlyList<string> Write(TrainSettings s, PreparedData data, Sequential<float> model, TrainingHistory history, RunReport report)
    {
        if (s.CostPlotPath is not { } costPath) return [];
        var written = new List<string>(CostCurve(costPath, history, $"Cost of the {report.Task.Name} network [{string.Join(", ", report.LayerDims)}]"));
        if (data.TrainRows is { FeatureCount: 2 } rows && data.Task != ModelTask.Regression)
        {
            var boundary = s.BoundaryPlotPath!;
            var x = rows.X;
            var labels = rows.Labels();
            Plots.DecisionBoundary(boundary, Column(x, 0), Column(x, 1), labels, points => Probability(model, points, data.Task), "Decision boundary");
            written.Add(boundary);
        }
        return written;
    }

    /// <summary>The cost J per recorded step, with the validation cost at each epoch's end where there is one.</summary>
    public static IReadOnlyList<string> CostCurve(string path, TrainingHistory history, string title)
    {
        var validation = history.Epochs.Where(e => e.ValidationCost is not null)
            .Select(e => (Step: (e.Epoch + 1) * Math.Max(1, history.StepsCompleted / Math.Max(1, history.Epochs.Count)) - 1, Cost: e.ValidationCost!.Value)).ToList();
        Plots.CostCurve(path, history.Costs, validation, title);
        return [path];
    }

    private static double[] Column(Tensor<float> x, int j) => Enumerable.Range(0, x.Dim(0)).Select(i => (double)x[i, j]).ToArray();

    private static double[] Probability(Sequential<float> model, double[,] points, ModelTask task)
    {
        int m = points.GetLength(0);
        var x = Tensor<float>.Zeros(m, 2);
        for (int i = 0; i < m; i++) { x[i, 0] = (float)points[i, 0]; x[i, 1] = (float)points[i, 1]; }
        var a = model.PredictValues(x);
        if (task == ModelTask.BinaryClassification) return a.ToArray().Select(v => (double)v).ToArray();
        return Prediction.Labels(a).Select(k => (double)k).ToArray();
    }
}
