using System.Globalization;
using System.Text;

namespace Backprop.Tests.Cli;

/// <summary>Small generated CSV tables for the CLI tests: a few dozen rows, seeded, so a run of a few epochs takes
/// milliseconds.</summary>
public static class CliTables
{
    public const int Rows = 60;

    /// <summary>Columns x1, x2 (numbers), color (text: red/green/blue) and y (yes/no); three cells left empty.</summary>
    public static string Binary()
    {
        var random = new Random(11);
        var sb = new StringBuilder("x1,x2,color,y\n");
        string[] colors = ["red", "green", "blue"];
        for (int i = 0; i < Rows; i++)
        {
            double x1 = Normal(random), x2 = Normal(random);
            var color = colors[i % 3];
            bool yes = x1 + x2 + (color == "red" ? 1 : 0) > 0.5;
            sb.Append(i == 3 ? "" : F(x1)).Append(',').Append(i == 11 ? "" : F(x2)).Append(',')
              .Append(i == 7 ? "" : color).Append(',').Append(yes ? "yes" : "no").Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Columns x1, x2, kind (a/b) and price, a noisy linear function of them (not integers, so regression); one empty cell.</summary>
    public static string Regression()
    {
        var random = new Random(12);
        var sb = new StringBuilder("x1,x2,kind,price\n");
        for (int i = 0; i < Rows; i++)
        {
            double x1 = Normal(random), x2 = Normal(random);
            var kind = i % 2 == 0 ? "a" : "b";
            double price = 100 + 30 * x1 - 20 * x2 + (kind == "a" ? 15 : 0) + Normal(random) + 0.25;
            sb.Append(F(x1)).Append(',').Append(i == 5 ? "" : F(x2)).Append(',').Append(kind).Append(',').Append(F(price)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Columns x1, x2 and species (three text classes by the larger of x1, x2, 0); one empty cell.</summary>
    public static string Multiclass()
    {
        var random = new Random(13);
        var sb = new StringBuilder("x1,x2,species\n");
        for (int i = 0; i < Rows; i++)
        {
            double x1 = Normal(random), x2 = Normal(random);
            var species = x1 > x2 && x1 > 0 ? "setosa" : x2 > 0 ? "versicolor" : "virginica";
            sb.Append(i == 9 ? "" : F(x1)).Append(',').Append(F(x2)).Append(',').Append(species).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A binary table with the given feature columns (numbers) and a 0/1 target <c>y</c>.</summary>
    public static string Numeric(params string[] features)
    {
        var random = new Random(14 + features.Length);
        var sb = new StringBuilder(string.Join(',', features)).Append(",y\n");
        for (int i = 0; i < Rows; i++)
        {
            var x = features.Select(_ => Normal(random)).ToArray();
            sb.Append(string.Join(',', x.Select(F))).Append(',').Append(x.Sum() > 0 ? 1 : 0).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Header <c>x1,x2,y</c> and rows given as text, each followed by a newline.</summary>
    public static string WithRows(params string[] rows) => "x1,x2,y\n" + string.Concat(rows.Select(r => r + "\n"));

    /// <summary>A valid 20-row x1,x2,y table followed by <paramref name="extra"/> rows (to put one bad cell among good ones).</summary>
    public static string GoodRowsThen(params string[] extra) =>
        WithRows([.. Enumerable.Range(0, 20).Select(i => $"{F(i * 0.1)},{F(1 - i * 0.05)},{i % 2}"), .. extra]);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
