namespace Backprop.Data;

/// <summary>How <see cref="CsvTable.Load{T}"/> and <see cref="TablePreprocessor.Fit"/> read and prepare a table. The defaults
/// suit most files: comma-separated, 20 % held out for testing (seed 1), numeric columns standardised, task detected.</summary>
public sealed record TableOptions
{
    /// <summary>The field separator: ',' by default; ';' and '\t' are common too.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>The fraction of rows held out as the test set, in [0, 1); 0 keeps every row for training.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>The seed of the split's permutation (NumPy's <c>RandomState(seed).permutation</c>).</summary>
    public uint Seed { get; init; } = 1;

    /// <summary>Whether numeric feature columns become z = (x − μ)/σ with the training μ and σ.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Whether a regression target becomes (y − μ)/σ; <see cref="TargetEncoding.Unscale"/> undoes it.</summary>
    public bool StandardizeTarget { get; init; } = true;

    /// <summary>The task, or null to detect it: 2 distinct values → binary; text, or integers with at most
    /// <see cref="MaxIntegerClasses"/> distinct values → multiclass; otherwise regression.</summary>
    public TargetKind? Task { get; init; }

    /// <summary>Columns to one-hot encode even though their values are numbers (codes such as a postcode).</summary>
    public IReadOnlyCollection<string> Categorical { get; init; } = [];

    /// <summary>Columns to leave out (identifiers, free text).</summary>
    public IReadOnlyCollection<string> Ignore { get; init; } = [];

    /// <summary>Columns to keep even though <see cref="ColumnScreen"/> would leave them out (constant, identifier, free text).</summary>
    public IReadOnlyCollection<string> Keep { get; init; } = [];

    /// <summary>Whether to leave out columns that cannot help (see <see cref="ColumnScreen"/>); they are listed in
    /// <see cref="TablePreprocessor.LeftOut"/>.</summary>
    public bool LeaveOutUnhelpful { get; init; } = true;

    /// <summary>Cell texts that mean "missing" besides the empty cell, e.g. "NA" or "?".</summary>
    public IReadOnlyCollection<string> MissingMarkers { get; init; } = [];

    /// <summary>Drop rows with an empty (or missing-marker) field instead of imputing them.</summary>
    public bool DropMissing { get; init; }

    /// <summary>The most distinct values a categorical column (or a text target) may have.</summary>
    public int MaxCategories { get; init; } = 100;

    /// <summary>The most distinct integer values a numeric target may have and still be taken for class labels.</summary>
    public int MaxIntegerClasses { get; init; } = 20;

    /// <summary>A column that <see cref="LeaveOutUnhelpful"/> would leave out is an error instead of a note (pipelines
    /// that must never train on fewer columns than the file has).</summary>
    public bool Strict { get; init; }
}
