using System.Numerics;
using System.Text.Json.Serialization;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>How the target column becomes Y: binary y = index of the value in <see cref="Classes"/> (0 or 1), Y [m × 1];
/// multiclass y = class index, Y [m]; regression y = (value − <see cref="Mean"/>)/<see cref="Scale"/>, Y [m × 1], undone by
/// <see cref="Unscale"/>. Classes are sorted (by value when they are numbers), so the mapping does not depend on row order.</summary>
public sealed record TargetEncoding(string Name, TargetKind Kind, string[] Classes, double Mean, double Scale)
{
    /// <summary>The number of model outputs: the class count for multiclass, else 1.</summary>
    [JsonIgnore]
    public int Outputs => Kind == TargetKind.Multiclass ? Classes.Length : 1;

    /// <summary>A model's regression output in the target's own units: value · Scale + Mean.</summary>
    public double Unscale(double value) => value * Scale + Mean;

    /// <summary>Y for <paramref name="rows"/> of the table (the target column looked up by name).</summary>
    internal Tensor<T> Encode<T>(CsvTable table, IReadOnlyList<int> rows, Func<string, bool> isMissing) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int column = table.ColumnIndex(Name);
        var y = Kind == TargetKind.Multiclass ? Tensor<T>.Zeros(rows.Count) : Tensor<T>.Zeros(rows.Count, 1);
        var ys = y.AsSpan();
        var byText = Classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k, StringComparer.Ordinal);
        var byValue = new Dictionary<double, int>();
        for (int k = 0; k < Classes.Length; k++)
            if (NumericText.Parse(Classes[k], out double v) == CellKind.Number) byValue.TryAdd(v, k);
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            var text = table[r, column];
            if (isMissing(text)) throw table.Error(r, column, "the target is missing; every row needs a target value");
            var kind = NumericText.Parse(text, out double value);
            if (kind == CellKind.NotFinite) throw table.Error(r, column, NumericText.NotFiniteMessage(text));
            if (Kind == TargetKind.Regression)
            {
                if (kind == CellKind.Text) throw table.Error(r, column, $"'{text}' is not a number, and a regression target must be");
                ys[i] = T.CreateChecked((value - Mean) / Scale);
            }
            else if (byText.TryGetValue(text, out int k) || (kind == CellKind.Number && byValue.TryGetValue(value, out k)))
                ys[i] = T.CreateChecked(k);
            else
                throw table.Error(r, column, $"'{text}' is not one of the classes {string.Join(", ", Classes.Select(c => $"'{c}'"))}");
        }
        return y;
    }

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Name) || Classes is null) throw new FormatException("The target encoding has no name or no class list.");
        bool classification = Kind != TargetKind.Regression;
        if (!Enum.IsDefined(Kind) || (classification && Classes.Length < 2) || (Kind == TargetKind.Binary && Classes.Length != 2)
            || !double.IsFinite(Mean) || !double.IsFinite(Scale) || Scale <= 0)
            throw new FormatException($"The target encoding of '{Name}' is unusable: {Kind}, {Classes.Length} classes, mean {Mean}, scale {Scale}.");
    }

    /// <summary>Detects the task from every row's target (see <see cref="TableOptions.Task"/>) and fits μ, σ of a regression
    /// target on the training rows. The class list comes from all rows, so a class seen only in the test rows still has an index.</summary>
    internal static TargetEncoding Fit(CsvTable table, int column, IReadOnlyList<int> trainRows, Func<string, bool> isMissing, TableOptions options)
    {
        string name = table.Columns[column];
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);   // text → first row
        var byValue = new Dictionary<double, int>();                         // number → first row
        int numbers = 0, texts = 0, firstText = -1;
        bool integers = true;
        for (int r = 0; r < table.RowCount; r++)
        {
            var text = table[r, column];
            if (isMissing(text)) throw table.Error(r, column, "the target is missing; every row needs a target value");
            switch (NumericText.Parse(text, out double v))
            {
                case CellKind.NotFinite: throw table.Error(r, column, NumericText.NotFiniteMessage(text));
                case CellKind.Number:
                    numbers++;
                    integers &= v == Math.Round(v);
                    byValue.TryAdd(v, r);
                    break;
                default:
                    if (texts++ == 0) firstText = r;
                    byText.TryAdd(text, r);
                    break;
            }
        }
        if (texts > 0 && numbers > texts)
            throw table.Error(firstText, column, $"'{table[firstText, column]}' is not a number, but {numbers} other target values are");
        int distinct = texts > 0 ? byText.Count + byValue.Count : byValue.Count;
        if (distinct < 2) throw new DataFormatException(table.FileName, $"the target has a single value '{table[0, column]}'; there is nothing to learn", null, name);

        var kind = options.Task ?? (distinct == 2 ? TargetKind.Binary
            : texts > 0 || (integers && distinct <= options.MaxIntegerClasses) ? TargetKind.Multiclass
            : TargetKind.Regression);
        if (kind == TargetKind.Regression)
        {
            if (texts > 0) throw table.Error(firstText, column, $"'{table[firstText, column]}' is not a number, and a regression target must be");
            if (!options.StandardizeTarget) return new TargetEncoding(name, kind, [], 0, 1);
            var values = trainRows.Select(r => table.Number(r, column)).ToArray();
            double mean = values.Sum() / values.Length;
            double sigma = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            return new TargetEncoding(name, kind, [], mean, sigma > 0 && double.IsFinite(sigma) ? sigma : 1);
        }
        if (kind == TargetKind.Binary && distinct != 2)
            throw new DataFormatException(table.FileName, $"a binary target needs exactly 2 distinct values; this one has {distinct}", null, name);
        if (distinct > Math.Max(options.MaxCategories, options.MaxIntegerClasses))
            throw new DataFormatException(table.FileName,
                $"the target has {distinct} distinct values, too many classes; is it the right column? (TableOptions.Task = Regression for numbers)", null, name);
        var classes = byValue.OrderBy(p => p.Key).Select(p => table[p.Value, column])
            .Concat(byText.Keys.Order(StringComparer.Ordinal)).ToArray();
        return new TargetEncoding(name, kind, classes, 0, 1);
    }
}
