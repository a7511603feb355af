using ScottPlot;

namespace Backprop.Cli.Demos;

/// <summary>The demos' PNG figures (ScottPlot, headless): several named lines on one pair of axes, the x-axis optionally on a
/// log scale (plotted as log10 x, ticks labelled with the sizes themselves). Written atomically.</summary>
public static class DemoPlots
{
    public static void Lines(string path, string title, string xLabel, string yLabel, IReadOnlyList<DemoSeries> series,
        bool logX = false, int width = 900, int height = 560)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var xs = logX ? s.X.Select(Math.Log10).ToArray() : s.X;
            var line = plot.Add.Scatter(xs, s.Y);
            line.LegendText = s.Name;
            line.Color = palette.GetColor(s.ColorIndex >= 0 ? s.ColorIndex : i);
            line.LineWidth = 2;
            line.MarkerSize = logX ? 6 : 0;
            if (s.Dashed) line.LinePattern = LinePattern.Dashed;
        }
        if (logX)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            foreach (var x in series.SelectMany(s => s.X).Distinct().Order())
                ticks.AddMajor(Math.Log10(x), x.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            plot.Axes.Bottom.TickGenerator = ticks;
        }
        plot.Title(title);
        plot.XLabel(logX ? xLabel + " (log scale)" : xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend();
        Backprop.Serialization.AtomicFile.Write(path, temporary => plot.SavePng(temporary, width, height));
    }
}
