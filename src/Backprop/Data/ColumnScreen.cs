using System.Globalization;

namespace Backprop.Data;

/// <summary>Finds input columns that cannot help a model, judged on the training rows' present cells (c = their count,
/// d = their distinct values):
/// <list type="bullet">
/// <item><b>constant</b>: d = 1 — the same value on every row carries no information;</item>
/// <item><b>unique identifier</b>: d = c ≥ <see cref="MinRows"/> and the values are text, or whole numbers that are
/// consecutive-looking (max − min + 1 ≤ n, the table's row count, so that ids 1…n still count when a split hands the
/// screen only some of the rows) or in a column named like an id — a row number predicts nothing about new rows;</item>
/// <item><b>free text</b>: text with d > <see cref="FreeTextShare"/>·c (c ≥ <see cref="MinRows"/>) — nearly every row its own
/// category, so one-hot encoding would add a column of noise per row.</item>
/// </list>
/// Numbers that are merely all different (measurements) are kept. <see cref="TableOptions.Keep"/> overrides the screen.</summary>
public static class ColumnScreen
{
    /// <summary>Below this many present cells, "all different" is too weak a sign to drop a column.</summary>
    public const int MinRows = 20;

    /// <summary>The share of distinct values above which a text column counts as free text.</summary>
    public const double FreeTextShare = 0.5;

    /// <summary>Why column <paramref name="column"/> should be left out, or null to keep it.</summary>
    public static string? Reason(CsvTable table, int column, IReadOnlyList<int> rows, Func<string, bool> isMissing)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        int present = 0;
        bool allWhole = true;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool anyText = false;
        foreach (int r in rows)
        {
            var cell = table[r, column];
            if (isMissing(cell)) continue;
            present++;
            distinct.Add(cell);
            if (NumericText.Parse(cell, out double x) == CellKind.Number)
            {
                allWhole &= x == Math.Floor(x) && Math.Abs(x) < 1e15;
                (min, max) = (Math.Min(min, x), Math.Max(max, x));
            }
            else anyText = true;
        }
        if (present == 0) return null;
        if (distinct.Count == 1) return "constant";
        if (present < MinRows) return null;
        if (distinct.Count == present && (anyText || allWhole && (max - min + 1 <= table.RowCount || IdLikeName(table.Columns[column]))))
            return "unique identifier";
        if (anyText && distinct.Count > FreeTextShare * present) return "free text";
        return null;
    }

    /// <summary>"id", "ID", "row_id", "PassengerId", "customer-id", "key", "index", "uuid".</summary>
    internal static bool IdLikeName(string name)
    {
        var n = name.Trim();
        var lower = n.ToLower(CultureInfo.InvariantCulture);
        return lower is "id" or "key" or "index" or "uuid" or "guid" or "row" or "rowid"
            || lower.EndsWith("_id", StringComparison.Ordinal) || lower.EndsWith("-id", StringComparison.Ordinal) || lower.EndsWith(" id", StringComparison.Ordinal)
            || n.Length > 2 && n.EndsWith("Id", StringComparison.Ordinal) && char.IsLower(n[^3]);
    }
}
