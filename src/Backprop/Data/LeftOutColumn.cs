namespace Backprop.Data;

/// <summary>A column that <see cref="ColumnScreen"/> left out of the features, and why ("constant", "unique identifier",
/// "free text"). Stored with the preprocessing so reports and prediction know it was left out on purpose.</summary>
public sealed record LeftOutColumn(string Name, string Reason);
