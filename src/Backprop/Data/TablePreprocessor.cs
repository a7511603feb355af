using System.Numerics;
using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>The steps that turn table rows into X and Y, fitted on training rows and re-applied unchanged to test rows and at
/// prediction time: per input column a <see cref="NumericColumn"/> (median fill, then z = (x − μ)/σ) or a
/// <see cref="CategoricalColumn"/> (mode fill, then one-hot), and the <see cref="TargetEncoding"/>. Columns are found by name,
/// so a prediction file may order them differently or lack the target. <see cref="ToJson"/>/<see cref="FromJson"/> store it.</summary>
public sealed record TablePreprocessor(ColumnEncoding[] Columns, TargetEncoding Target, string[] MissingMarkers)
{
    // Relaxed escaping keeps category names such as "<1H OCEAN" readable; the JSON is never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Input columns left out by <see cref="ColumnScreen"/>, each with its reason.</summary>
    public LeftOutColumn[] LeftOut { get; init; } = [];

    /// <summary>n, the number of features produced.</summary>
    public int FeatureCount => Columns.Sum(c => c.Width);

    /// <summary>The feature names: a numeric column's name, or "column=category" for each one-hot feature.</summary>
    public IReadOnlyList<string> FeatureNames => Columns.SelectMany(c => c.FeatureNames()).ToArray();

    /// <summary>The class names of a classification target (index = label), or null for regression.</summary>
    public IReadOnlyList<string>? ClassNames => Target.Kind == TargetKind.Regression ? null : Target.Classes;

    /// <summary>Fits every step on <paramref name="trainRows"/> (all rows when null) of <paramref name="table"/>, with
    /// <paramref name="target"/> as the target column. A column is numeric when all its present cells are numbers and
    /// categorical when most are not; a column of mostly numbers with some text is an error naming the first such cell.</summary>
    public static TablePreprocessor Fit(CsvTable table, string target, IReadOnlyList<int>? trainRows = null, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TableOptions();
        int targetColumn = table.ColumnIndex(target);
        var rows = trainRows ?? Enumerable.Range(0, table.RowCount).ToArray();
        if (rows.Count == 0) throw new ArgumentException("Fitting needs at least one training row.", nameof(trainRows));
        var categorical = options.Categorical.Select(table.ColumnIndex).ToHashSet();
        var ignored = options.Ignore.Select(table.ColumnIndex).ToHashSet();
        var kept = options.Keep.Select(table.ColumnIndex).ToHashSet();
        var leftOut = new List<LeftOutColumn>();
        var markers = options.MissingMarkers.ToArray();
        var isMissing = MissingTest(markers);

        var columns = new List<ColumnEncoding>();
        for (int j = 0; j < table.Columns.Count; j++)
        {
            if (j == targetColumn || ignored.Contains(j)) continue;
            // Read first, over every row: a bad cell among numbers is an error before any screen can hide the column.
            bool numeric = !categorical.Contains(j) && IsNumeric(table, j, isMissing);
            if (options.LeaveOutUnhelpful && !kept.Contains(j) && !categorical.Contains(j) && ColumnScreen.Reason(table, j, rows, isMissing) is { } reason)
            {
                if (options.Strict)
                    throw new DataFormatException(table.FileName,
                        $"column '{table.Columns[j]}' would be left out ({reason}); keep it with TableOptions.Keep or --keep {table.Columns[j]}, or drop it from the file (strict mode turns this note into an error)",
                        null, table.Columns[j]);
                leftOut.Add(new LeftOutColumn(table.Columns[j], reason));
                continue;
            }
            columns.Add(numeric
                ? NumericColumn.Fit(table, j, rows, isMissing, options.Standardize)
                : CategoricalColumn.Fit(table, j, rows, isMissing, options.MaxCategories));
        }
        if (columns.Count == 0)
            throw new DataFormatException(table.FileName, leftOut.Count == 0 ? $"has no feature columns besides the target '{target}'"
                : $"has no usable feature columns besides the target '{target}' (left out: {string.Join(", ", leftOut.Select(c => $"'{c.Name}' ({c.Reason})"))}; keep one with TableOptions.Keep or --keep)", null, target);
        return new TablePreprocessor(columns.ToArray(), TargetEncoding.Fit(table, targetColumn, rows, isMissing, options), markers) { LeftOut = leftOut.ToArray() };
    }

    /// <summary>X and Y of <paramref name="rows"/> (all when null), with class and feature names.</summary>
    public Dataset<T> Transform<T>(CsvTable table, IReadOnlyList<int>? rows = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        rows ??= Enumerable.Range(0, table.RowCount).ToArray();
        return new Dataset<T>(TransformFeatures<T>(table, rows), Target.Encode<T>(table, rows, MissingTest(MissingMarkers)), ClassNames, FeatureNames);
    }

    /// <summary>X [m × n] of <paramref name="rows"/> (all when null); the table needs the input columns, not the target.</summary>
    public Tensor<T> TransformFeatures<T>(CsvTable table, IReadOnlyList<int>? rows = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        rows ??= Enumerable.Range(0, table.RowCount).ToArray();
        var indices = Columns.Select(c => table.ColumnIndex(c.Name)).ToArray();
        var isMissing = MissingTest(MissingMarkers);
        int n = FeatureCount;
        var x = Tensor<T>.Zeros(rows.Count, n);
        var xs = x.AsSpan();
        var features = new double[n];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i], offset = 0;
            if ((uint)r >= (uint)table.RowCount) throw new ArgumentOutOfRangeException(nameof(rows), r, $"The table has {table.RowCount} rows.");
            for (int c = 0; c < Columns.Length; c++)
            {
                var encoding = Columns[c];
                encoding.Encode(table, r, indices[c], isMissing(table[r, indices[c]]), features.AsSpan(offset, encoding.Width));
                offset += encoding.Width;
            }
            var row = xs.Slice(i * n, n);
            for (int k = 0; k < n; k++) row[k] = T.CreateChecked(features[k]);
        }
        return x;
    }

    /// <summary>The input columns with missing cells among <paramref name="rows"/> (all when null), and how many.</summary>
    public IReadOnlyList<ImputedColumn> CountMissing(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        rows ??= Enumerable.Range(0, table.RowCount).ToArray();
        var isMissing = MissingTest(MissingMarkers);
        var result = new List<ImputedColumn>();
        foreach (var c in Columns)
        {
            int j = table.ColumnIndex(c.Name), count = rows.Count(r => isMissing(table[r, j]));
            if (count > 0) result.Add(new ImputedColumn(c.Name, count, c.FillDescription));
        }
        return result;
    }

    /// <summary>The fitted steps as JSON (camelCase; column kinds tagged "numeric"/"categorical").</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads <see cref="ToJson"/>'s output back, checking every value; a <see cref="DataFormatException"/> naming
    /// <paramref name="source"/> (e.g. the model file it came from) if it is unusable.</summary>
    public static TablePreprocessor FromJson(string json, string source = "stored table preprocessing")
    {
        TablePreprocessor? result;
        try { result = JsonSerializer.Deserialize<TablePreprocessor>(json, Json); }
        catch (JsonException e) { throw new DataFormatException(source, $"the table preprocessing is not JSON of the expected form ({e.Message})"); }
        try
        {
            if (result?.Columns is null || result.Target is null || result.MissingMarkers is null || result.LeftOut is null)
                throw new FormatException("it lacks its columns, target or missing markers");
            if (result.Columns.Length == 0 || result.Columns.Any(c => c is null)) throw new FormatException("it has no usable columns");
            foreach (var c in result.Columns) c.Validate();
            result.Target.Validate();
            return result;
        }
        catch (FormatException e) { throw new DataFormatException(source, $"the table preprocessing is unusable: {e.Message}"); }
    }

    private static Func<string, bool> MissingTest(string[] markers) =>
        markers.Length == 0 ? static s => s.Length == 0 : s => s.Length == 0 || Array.IndexOf(markers, s) >= 0;

    /// <summary>True when every present cell is a finite number; false when most are text (a categorical column). An error
    /// naming the first offending cell when the column holds numbers and also NaN, ±∞ or a value beyond double's range,
    /// or when its numbers outnumber its text cells — the same rule for 20 rows or 20 million.</summary>
    private static bool IsNumeric(CsvTable table, int column, Func<string, bool> isMissing)
    {
        int numbers = 0, texts = 0, notFinite = 0, firstText = -1, firstNotFinite = -1;
        for (int r = 0; r < table.RowCount; r++)
        {
            var text = table[r, column];
            if (isMissing(text)) continue;
            switch (NumericText.Parse(text, out _))
            {
                case CellKind.Number: numbers++; break;
                case CellKind.NotFinite: if (notFinite++ == 0) firstNotFinite = r; break;
                default: if (texts++ == 0) firstText = r; break;
            }
        }
        const string WayOut = "fix the cell, leave it empty to mark it missing, or name the column as categorical (TableOptions.Categorical or --categorical)";
        if (notFinite > 0 && numbers > 0)
            throw table.Error(firstNotFinite, column, $"'{table[firstNotFinite, column]}' is not a finite number, and {numbers} other cells in this column are numbers; {WayOut}");
        if (texts > 0 && numbers > texts)
            throw table.Error(firstText, column, $"'{table[firstText, column]}' is not a number, but {numbers} other cells in this column are; {WayOut}");
        return texts == 0 && notFinite == 0;
    }
}
