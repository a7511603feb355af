using System.Numerics;
using Backprop.Randomness;

namespace Backprop.Data;

/// <summary>A delimited text table as read: a header row of column names and data rows of text cells, all of the same width
/// (RFC 4180 quoting; unquoted cells trimmed; an empty cell is a missing value). <see cref="Load{T}"/> turns a file into
/// train and test datasets through a <see cref="TablePreprocessor"/> fitted on the training rows.</summary>
public sealed class CsvTable
{
    private readonly string[][] _rows;
    private readonly int[] _lines;
    private readonly Dictionary<string, int> _index;

    private CsvTable(string fileName, string[] columns, string[][] rows, int[] lines)
    {
        (FileName, Columns, _rows, _lines) = (fileName, columns, rows, lines);
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < columns.Length; j++)
            if (!_index.TryAdd(columns[j], j))
                throw new DataFormatException(fileName, $"the header names column '{columns[j]}' twice (columns {_index[columns[j]] + 1} and {j + 1})", 1, columns[j]);
    }

    /// <summary>The file the table came from (or the name given to <see cref="Parse"/>).</summary>
    public string FileName { get; }

    /// <summary>The column names from the header, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of data rows (the header not counted).</summary>
    public int RowCount => _rows.Length;

    /// <summary>The text of a cell; "" is a missing value.</summary>
    public string this[int row, int column] => _rows[row][column];

    /// <summary>The 1-based line of the file where data row <paramref name="row"/> starts (the header is line 1 or later).</summary>
    public int LineNumber(int row) => _lines[row];

    /// <summary>Whether the header has a column of that name (exact match).</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>The index of column <paramref name="name"/>; a <see cref="DataFormatException"/> listing the columns if there is none.</summary>
    public int ColumnIndex(string name) => _index.TryGetValue(name, out int j) ? j
        : throw new DataFormatException(FileName, $"has no column '{name}'; its columns are {string.Join(", ", Columns.Select(c => $"'{c}'"))}", null, name);

    /// <summary>A cell as a finite number; a <see cref="DataFormatException"/> naming the line and column otherwise.</summary>
    public double Number(int row, int column)
    {
        var text = _rows[row][column];
        return NumericText.Parse(text, out double value) switch
        {
            CellKind.Number => value,
            CellKind.NotFinite => throw Error(row, column, NumericText.NotFiniteMessage(text)),
            _ => throw Error(row, column, text.Length == 0 ? "the cell is empty; a number is needed" : $"'{text}' is not a number"),
        };
    }

    /// <summary>A <see cref="DataFormatException"/> at a cell: the file, the row's line number and the column name.</summary>
    public DataFormatException Error(int row, int column, string reason) => new(FileName, reason, _lines[row], Columns[column]);

    /// <summary>Reads a file (UTF-8, with or without a byte-order mark) whose first non-blank line is the header.</summary>
    public static CsvTable Read(string path, char separator = ',')
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException(Directory.Exists(path) ? $"'{path}' is a folder, not a table file." : $"Table file '{path}' not found.", path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path, separator);
    }

    /// <summary>Reads a table from text; <paramref name="fileName"/> names it in error messages.</summary>
    public static CsvTable Parse(TextReader reader, string fileName, char separator = ',')
    {
        var records = new CsvRecordReader(reader, fileName, separator);
        var fields = new List<string>();
        if (!records.TryRead(fields)) throw new DataFormatException(fileName, "is empty; a header row with the column names is expected first");
        int headerLine = records.Line;
        var columns = fields.Select((name, j) => name.Length == 0 ? $"column{j + 1}" : name).ToArray();
        var rows = new List<string[]>();
        var lines = new List<int>();
        while (records.TryRead(fields))
        {
            if (fields.Count != columns.Length)
                throw new DataFormatException(fileName,
                    $"has {fields.Count} field(s) but the header (line {headerLine}) has {columns.Length}; check the separators and quotes on this line", records.Line);
            rows.Add(fields.ToArray());
            lines.Add(records.Line);
        }
        if (rows.Count == 0) throw new DataFormatException(fileName, "has a header row but no data rows", headerLine);
        return new CsvTable(fileName, columns, rows.ToArray(), lines.ToArray());
    }

    /// <summary>Reads <paramref name="path"/>, splits its rows into train and test (seeded, see <see cref="Dataset{T}.Split"/>),
    /// fits a <see cref="TablePreprocessor"/> on the training rows for target column <paramref name="target"/>, and applies it
    /// to both sides. The result reports which columns had missing cells filled in.</summary>
    public static TableData<T> Load<T>(string path, string target, TableOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= new TableOptions();
        var table = Read(path, options.Separator);
        table.ColumnIndex(target);
        int[] kept = Enumerable.Range(0, table.RowCount).ToArray();
        if (options.DropMissing)
        {
            kept = kept.Where(r => Enumerable.Range(0, table.Columns.Count).All(c => table[r, c].Length > 0 && !options.MissingMarkers.Contains(table[r, c]))).ToArray();
            if (kept.Length == 0) throw new DataFormatException(path, "every row has an empty field, so --drop-missing leaves nothing to train on");
        }
        int[] train, test;
        if (options.TestFraction == 0) (train, test) = (kept, []);
        else
        {
            var (trainAt, testAt) = DataSplit.Indices(kept.Length, options.TestFraction, new NumpyRandom(options.Seed));
            (train, test) = (trainAt.Select(i => kept[i]).ToArray(), testAt.Select(i => kept[i]).ToArray());
        }
        var preprocessor = TablePreprocessor.Fit(table, target, train, options);
        return new TableData<T>(preprocessor.Transform<T>(table, train), preprocessor.Transform<T>(table, test), preprocessor,
            preprocessor.CountMissing(table));
    }
}
