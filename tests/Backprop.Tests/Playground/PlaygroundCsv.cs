using System.Globalization;
using System.Text;

namespace Backprop.Tests.Playground;

/// <summary>Small CSV tables for upload tests: two features and a 0/1 label separable by a line.</summary>
public static class PlaygroundCsv
{
    /// <summary>Columns height, weight, fit: fit = 1 where 2·height − weight &gt; 0 (points on a seeded grid).</summary>
    public static string Separable(int rows = 200)
    {
        var text = new StringBuilder("height,weight,fit\n");
        var random = new Random(3);
        for (int i = 0; i < rows; i++)
        {
            double h = 150 + random.NextDouble() * 50, w = 50 + random.NextDouble() * 60;
            int label = 0.8 * (h - 175) - (w - 80) > 0 ? 1 : 0;
            text.Append(CultureInfo.InvariantCulture, $"{h:F2},{w:F2},{label}\n");
        }
        return text.ToString();
    }
}
