namespace Backprop.Cli.Output;

/// <summary>PNG figures with ScottPlot (headless): the cost curve (train and validation) and, for two-feature data,
/// the course's planar decision-boundary picture. Written atomically (temporary file, then rename).</summary>
public static class Plots
{
    /// <summary>Cost J against step (train) and against the step at each epoch's end (validation).</summary>
    public static void CostCurve(string path, IReadOnlyList<(int Step, double Cost)> train,
        IReadOnlyList<(int Step, double Cost)>? validation, string title)
    {
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Scatter(train.Select(c => (double)c.Step).ToArray(), train.Select(c => c.Cost).ToArray());
        line.LegendText = "training cost";
        line.MarkerSize = 0;
        if (validation is { Count: > 0 })
        {
            var v = plot.Add.Scatter(validation.Select(c => (double)c.Step).ToArray(), validation.Select(c => c.Cost).ToArray());
            v.LegendText = "validation cost";
            v.MarkerSize = 3;
        }
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("cost J");
        plot.ShowLegend();
        Save(plot, path, 800, 500);
    }

    /// <summary>The decision boundary of a two-feature classifier: a heat map of P(y = 1 | x1, x2) over the data's range
    /// with the examples on top, coloured by label.</summary>
    public static void DecisionBoundary(string path, double[] x1, double[] x2, int[] labels, Func<double[,], double[]> predict, string title)
    {
        const int Cells = 120;
        double pad1 = (x1.Max() - x1.Min()) * 0.1 + 1e-9, pad2 = (x2.Max() - x2.Min()) * 0.1 + 1e-9;
        double lo1 = x1.Min() - pad1, hi1 = x1.Max() + pad1, lo2 = x2.Min() - pad2, hi2 = x2.Max() + pad2;
        var points = new double[Cells * Cells, 2];
        for (int r = 0; r < Cells; r++)
            for (int c = 0; c < Cells; c++)
            {
                points[r * Cells + c, 0] = lo1 + (hi1 - lo1) * (c + 0.5) / Cells;
                points[r * Cells + c, 1] = hi2 - (hi2 - lo2) * (r + 0.5) / Cells;
            }
        var p = predict(points);
        var intensities = new double[Cells, Cells];
        for (int r = 0; r < Cells; r++)
            for (int c = 0; c < Cells; c++) intensities[r, c] = p[r * Cells + c];
        var plot = new ScottPlot.Plot();
        var heat = plot.Add.Heatmap(intensities);
        heat.Extent = new ScottPlot.CoordinateRect(lo1, hi1, lo2, hi2);
        heat.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        foreach (var label in labels.Distinct().Order())
        {
            var idx = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).ToArray();
            var s = plot.Add.ScatterPoints(idx.Select(i => x1[i]).ToArray(), idx.Select(i => x2[i]).ToArray());
            s.LegendText = $"y = {label}";
            s.MarkerSize = 4;
        }
        plot.Title(title);
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.ShowLegend();
        Save(plot, path, 700, 600);
    }

    private static void Save(ScottPlot.Plot plot, string path, int width, int height) =>
        Backprop.Serialization.AtomicFile.Write(path, temporary => plot.SavePng(temporary, width, height));
}
