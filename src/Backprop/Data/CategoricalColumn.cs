namespace Backprop.Data;

/// <summary>A categorical column, one-hot encoded: feature k is 1 when the cell equals <see cref="Categories"/>[k] (the
/// training categories in ordinal order) and 0 otherwise, so a category never seen in training gives all zeros. A missing
/// cell counts as <see cref="Fill"/>, the most frequent training category.</summary>
public sealed record CategoricalColumn(string Name, string[] Categories, string Fill) : ColumnEncoding(Name)
{
    public override int Width => Categories.Length;

    public override IEnumerable<string> FeatureNames() => Categories.Select(c => $"{Name}={c}");

    internal override string FillDescription => $"the most frequent training category '{Fill}'";

    internal override void Encode(CsvTable table, int row, int column, bool missing, Span<double> destination)
    {
        destination.Clear();
        // Categories are kept in ordinal order (Validate checks it), so a binary search finds one.
        int k = Array.BinarySearch(Categories, missing ? Fill : table[row, column], StringComparer.Ordinal);
        if (k >= 0) destination[k] = 1;
    }

    internal override void Validate()
    {
        base.Validate();
        if (Categories is null || Fill is null) throw new FormatException($"Column '{Name}' has no categories or no fill value.");
        for (int k = 1; k < Categories.Length; k++)
            if (string.CompareOrdinal(Categories[k - 1], Categories[k]) >= 0)
                throw new FormatException($"Column '{Name}' lists its categories out of order or twice ('{Categories[k - 1]}', '{Categories[k]}').");
    }

    /// <summary>Fits on the training rows: the distinct present values, sorted, and the most frequent one (ties: the first in order).</summary>
    internal static CategoricalColumn Fit(CsvTable table, int column, IReadOnlyList<int> rows, Func<string, bool> isMissing, int maxCategories)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int r in rows)
        {
            var cell = table[r, column];
            if (!isMissing(cell)) counts[cell] = counts.GetValueOrDefault(cell) + 1;
        }
        if (counts.Count > maxCategories)
            throw new DataFormatException(table.FileName,
                $"has {counts.Count} distinct values in the training rows, more than the {maxCategories} categories allowed; " +
                "one-hot encoding would make a feature of each. Leave the column out (TableOptions.Ignore) or raise TableOptions.MaxCategories",
                null, table.Columns[column]);
        var categories = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        string fill = "";
        int best = 0;
        foreach (var c in categories)
            if (counts[c] > best) (fill, best) = (c, counts[c]);
        return new CategoricalColumn(table.Columns[column], categories, fill);
    }
}
