namespace Backprop.Data;

/// <summary>Bad input data, with where it is: the file, the 1-based line (row) and the column, when known.
/// The message is one line a user can act on.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string fileName, string reason, long? row = null, string? column = null)
        : base(Describe(fileName, reason, row, column))
    {
        FileName = fileName;
        Row = row;
        Column = column;
        Reason = reason;
    }

    public string FileName { get; }
    public long? Row { get; }
    public string? Column { get; }
    public string Reason { get; }

    private static string Describe(string file, string reason, long? row, string? column)
    {
        var where = Path.GetFileName(file);
        if (row is not null) where += $", line {row}";
        if (column is not null) where += $", column '{column}'";
        return $"{where}: {reason}";
    }
}
