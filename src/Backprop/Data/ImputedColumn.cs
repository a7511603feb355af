namespace Backprop.Data;

/// <summary>A column that had <see cref="Cells"/> missing cells, each filled with <see cref="Fill"/> (the training median
/// of a numeric column, the most frequent training category of a categorical one).</summary>
public sealed record ImputedColumn(string Column, int Cells, string Fill)
{
    public override string ToString() => $"{Column}: {Cells} missing cell(s) filled with {Fill}";
}
