using System.Globalization;

namespace Backprop.Data;

/// <summary>A numeric column: z = (x − <see cref="Mean"/>)/<see cref="Scale"/>, with a missing x replaced by
/// <see cref="Fill"/> (the training median) first. Mean and Scale are the training μ and σ after filling, Scale = 1 when
/// σ = 0, and (0, 1) when the column is not standardised.</summary>
public sealed record NumericColumn(string Name, double Fill, double Mean, double Scale) : ColumnEncoding(Name)
{
    public override int Width => 1;

    public override IEnumerable<string> FeatureNames() => [Name];

    internal override string FillDescription => $"the training median {Fill.ToString("G6", CultureInfo.InvariantCulture)}";

    internal override void Encode(CsvTable table, int row, int column, bool missing, Span<double> destination)
    {
        double x = Fill;
        if (!missing)
        {
            var text = table[row, column];
            switch (NumericText.Parse(text, out x))
            {
                case CellKind.NotFinite: throw table.Error(row, column, NumericText.NotFiniteMessage(text));
                case CellKind.Text: throw table.Error(row, column, $"'{text}' is not a number, and this column holds numbers");
            }
        }
        destination[0] = (x - Mean) / Scale;
    }

    internal override void Validate()
    {
        base.Validate();
        if (!double.IsFinite(Fill) || !double.IsFinite(Mean) || !double.IsFinite(Scale) || Scale <= 0)
            throw new FormatException($"Column '{Name}' has unusable scaling: fill {Fill}, mean {Mean}, scale {Scale}.");
    }

    /// <summary>Fits on the training rows: median of the present values, then μ and σ (population) with the gaps filled.</summary>
    internal static NumericColumn Fit(CsvTable table, int column, IReadOnlyList<int> rows, Func<string, bool> isMissing, bool standardize)
    {
        var present = new List<double>(rows.Count);
        foreach (int r in rows)
            if (!isMissing(table[r, column])) present.Add(table.Number(r, column));
        double fill = Median(present);
        if (!standardize) return new NumericColumn(table.Columns[column], fill, 0, 1);
        int missing = rows.Count - present.Count;
        double mean = (Sum(present, 0) + missing * fill) / rows.Count;
        double variance = (SumOfSquares(present, mean) + missing * (fill - mean) * (fill - mean)) / rows.Count;
        double sigma = Math.Sqrt(variance);
        return new NumericColumn(table.Columns[column], fill, mean, sigma > 0 && double.IsFinite(sigma) ? sigma : 1);
    }

    /// <summary>NumPy's median: the middle value, or the mean of the two middle values; 0 when there are none.</summary>
    internal static double Median(List<double> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double Sum(List<double> values, double start)
    {
        double s = start;
        foreach (var v in values) s += v;
        return s;
    }

    private static double SumOfSquares(List<double> values, double mean)
    {
        double s = 0;
        foreach (var v in values) s += (v - mean) * (v - mean);
        return s;
    }
}
