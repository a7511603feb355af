using System.Text.Json.Serialization;

namespace Backprop.Data;

/// <summary>How one input column becomes <see cref="Width"/> features; fitted on training rows, stored with the model as JSON
/// (the "kind" field tells <see cref="NumericColumn"/> from <see cref="CategoricalColumn"/>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NumericColumn), "numeric")]
[JsonDerivedType(typeof(CategoricalColumn), "categorical")]
public abstract record ColumnEncoding(string Name)
{
    /// <summary>The number of features this column produces.</summary>
    [JsonIgnore]
    public abstract int Width { get; }

    /// <summary>The names of the features, in order.</summary>
    public abstract IEnumerable<string> FeatureNames();

    /// <summary>What a missing cell becomes, for reports.</summary>
    internal abstract string FillDescription { get; }

    /// <summary>Writes the features of the cell at (row, column) of <paramref name="table"/> into <paramref name="destination"/>
    /// (length <see cref="Width"/>); a missing cell gets the fill value.</summary>
    internal abstract void Encode(CsvTable table, int row, int column, bool missing, Span<double> destination);

    /// <summary>Throws a <see cref="FormatException"/> if the stored values cannot be used (a damaged or edited file).</summary>
    internal virtual void Validate()
    {
        if (string.IsNullOrEmpty(Name)) throw new FormatException("A column encoding has no name.");
    }
}
