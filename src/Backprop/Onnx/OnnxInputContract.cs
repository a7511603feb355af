using System.Globalization;
using Backprop.Data;

namespace Backprop.Onnx;

/// <summary>The exact input contract of an exported table model, x = [raw numeric columns | one-hot categorical columns]:
/// one line per column, in order, written into the ONNX doc string and shown by <c>backprop summary</c>.</summary>
public static class OnnxInputContract
{
    /// <summary>"features: float32 [batch, n]" then one line per column (position, name, what to feed).</summary>
    public static string Describe(TablePreprocessor table, string inputName = "features")
    {
        ArgumentNullException.ThrowIfNull(table);
        var lines = new List<string> { $"{inputName}: float32 [batch, {table.FeatureCount}], one row per example, columns in this order:" };
        int position = 0;
        foreach (var column in table.Columns)
        {
            switch (column)
            {
                case NumericColumn n:
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"  [{position}] {n.Name}: the raw number (NaN = missing, filled with {n.Fill:G9}); standardised in the graph as (x − {n.Mean:G9}) / {n.Scale:G9}"));
                    break;
                case CategoricalColumn c:
                    lines.Add($"  [{position}..{position + c.Width - 1}] {c.Name}: one-hot, 1 at the category's place and 0 elsewhere, categories in order "
                        + string.Join(", ", c.Categories.Select(k => $"'{k}'")) + $"; a missing cell: the one-hot of '{c.Fill}'; an unseen category: all 0");
                    break;
            }
            position += column.Width;
        }
        return string.Join('\n', lines);
    }

    /// <summary>True when the table has categorical columns, whose one-hot encoding the caller does before the graph.</summary>
    public static bool HasCategorical(TablePreprocessor table) => table.Columns.Any(c => c is CategoricalColumn);
}
