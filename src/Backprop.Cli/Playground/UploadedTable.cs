using Backprop.Cli.Inputs;
using Backprop.Data;

namespace Backprop.Cli.Playground;

/// <summary>A user's CSV as a <see cref="DataSource"/>: a header, two numeric feature columns and a numeric label (the
/// target column; by default the last). Labels all 0 or 1 make a classification task, anything else regression (the
/// target standardised). Features are mapped linearly onto [−5, 5]: x′ = (x − min)·10/(max − min) − 5, so every table
/// fills the plane the page draws.</summary>
public static class UploadedTable
{
    public const int MaxBytes = 1 << 20;
    public const int MaxRows = 5000;

    /// <summary>Parses <paramref name="text"/>; every problem is a <see cref="PlaygroundException"/> with one line.</summary>
    public static DataSource Parse(string text, string fileName, string? target)
    {
        if (text.Length > MaxBytes) throw new PlaygroundException($"{fileName}: too large ({text.Length / 1024} KiB); the playground takes up to {MaxBytes / 1024} KiB.");
        if (text.Contains('\0')) throw new PlaygroundException($"{fileName}: not a CSV text file.");
        CsvTable table;
        try { table = CsvTable.Parse(new StringReader(text), fileName); }
        catch (DataFormatException e) { throw new PlaygroundException(e.Message); }
        if (table.RowCount < 4) throw new PlaygroundException($"{fileName}: has {table.RowCount} data row(s); the playground needs at least 4.");
        if (table.RowCount > MaxRows) throw new PlaygroundException($"{fileName}: has {table.RowCount} rows; the playground takes up to {MaxRows}.");
        if (table.Columns.Count != 3)
            throw new PlaygroundException($"{fileName}: has {table.Columns.Count} column(s); the playground needs 3: two numeric features and a label.");
        int t = string.IsNullOrWhiteSpace(target) ? 2 : table.HasColumn(target) ? table.ColumnIndex(target)
            : throw new PlaygroundException($"{fileName}: no column '{target}' (columns: {string.Join(", ", table.Columns)}).");
        int[] features = Enumerable.Range(0, 3).Where(c => c != t).ToArray();
        var raw = new double[table.RowCount, 3];
        try
        {
            for (int r = 0; r < table.RowCount; r++)
                for (int c = 0; c < 3; c++)
                    raw[r, c] = table.Number(r, c);
        }
        catch (DataFormatException e) { throw new PlaygroundException(e.Message); }
        catch (FormatException e) { throw new PlaygroundException($"{fileName}: {e.Message}"); }

        var offset = new double[2];
        var scale = new double[2];
        for (int k = 0; k < 2; k++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int r = 0; r < table.RowCount; r++) { min = Math.Min(min, raw[r, features[k]]); max = Math.Max(max, raw[r, features[k]]); }
            if (!double.IsFinite(min) || !double.IsFinite(max)) throw new PlaygroundException($"{fileName}: column '{table.Columns[features[k]]}' has a value that is not a finite number.");
            double range = max - min > 0 ? max - min : 1;
            scale[k] = 10 / range;
            offset[k] = min + range / 2;
        }
        bool binary = true;
        for (int r = 0; r < table.RowCount && binary; r++) binary = raw[r, t] is 0 or 1;
        var labels = new double[table.RowCount];
        for (int r = 0; r < labels.Length; r++) labels[r] = raw[r, t];
        TargetScale? targetScale = null;
        if (!binary)
        {
            targetScale = TargetScale.Fit(Backprop.Tensors.Tensor<float>.FromArray(labels.Select(v => (float)v).ToArray(), labels.Length, 1));
            for (int r = 0; r < labels.Length; r++) labels[r] = (labels[r] - targetScale.Mean) / targetScale.Std;
        }
        var points = new ToyPoint[table.RowCount];
        for (int r = 0; r < points.Length; r++)
            points[r] = new ToyPoint((raw[r, features[0]] - offset[0]) * scale[0], (raw[r, features[1]] - offset[1]) * scale[1], labels[r]);
        return new DataSource("csv", points, !binary, [table.Columns[features[0]], table.Columns[features[1]]], table.Columns[t], offset, scale, targetScale);
    }
}
