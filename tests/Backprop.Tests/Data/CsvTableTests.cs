using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Reading delimited text: RFC 4180 quoting, line numbers, and one clear error for each kind of bad file.</summary>
public sealed class CsvTableTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CsvTable Parse(string text, char separator = ',') => CsvTable.Parse(new StringReader(text), "t.csv", separator);

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_unquoted_fields_are_trimmed()
    {
        var table = Parse("name,note,size\r\n\"Smith, J.\",\"said \"\"hi\"\"\",  3 \r\nplain, \"two\nlines\",4\n");
        Assert.Equal(["name", "note", "size"], table.Columns);
        Assert.Equal(2, table.RowCount);
        Assert.Equal("Smith, J.", table[0, 0]);
        Assert.Equal("said \"hi\"", table[0, 1]);
        Assert.Equal("3", table[0, 2]);
        Assert.Equal("two\nlines", table[1, 1]);
        Assert.Equal([2, 3], new[] { table.LineNumber(0), table.LineNumber(1) });
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_still_count_them()
    {
        var table = Parse("\na,b\n\n1,2\n   \n3,4");
        Assert.Equal(2, table.RowCount);
        Assert.Equal(4, table.LineNumber(0));
        Assert.Equal(6, table.LineNumber(1));
        Assert.Equal("4", table[1, 1]);
    }

    [Fact]
    public void Empty_fields_are_kept_as_empty_cells_and_other_separators_work()
    {
        var table = Parse("a;b;c\n1;;3\n", ';');
        Assert.Equal("", table[0, 1]);
        Assert.Equal(3, table.Number(0, 2));
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException_naming_it()
    {
        var path = Path.Combine(_files.Folder, "absent.csv");
        var e = Assert.Throws<FileNotFoundException>(() => CsvTable.Read(path));
        Assert.Contains("absent.csv", e.Message);
    }

    [Fact]
    public void An_empty_file_says_a_header_is_expected()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Read(_files.Write("empty.csv", "")));
        Assert.Contains("empty.csv", e.Message);
        Assert.Contains("header", e.Message);
        Assert.Throws<DataFormatException>(() => Parse("\n\n  \n"));
    }

    [Fact]
    public void A_header_without_rows_is_an_error()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Read(_files.Write("header.csv", "a,b,c\n")));
        Assert.Contains("no data rows", e.Message);
        Assert.Equal(1, e.Row);
    }

    [Fact]
    public void A_ragged_row_names_its_line_and_both_field_counts()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Read(_files.Write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n")));
        Assert.Equal(3, e.Row);
        Assert.Equal("ragged.csv", Path.GetFileName(e.FileName));
        Assert.Contains("2 field(s)", e.Message);
        Assert.Contains("has 3", e.Message);
        Assert.StartsWith("ragged.csv, line 3:", e.Message);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_it_opens_on()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b\n1,2\n3,\"open\n4,5\n"));
        Assert.Equal(3, e.Row);
        Assert.Contains("never closed", e.Message);
        Assert.Equal(2, Assert.Throws<DataFormatException>(() => Parse("a,b\n\"x\"y,2\n")).Row);
    }

    [Fact]
    public void Duplicate_column_names_are_rejected_and_empty_ones_get_a_name()
    {
        Assert.Contains("twice", Assert.Throws<DataFormatException>(() => Parse("a,b,a\n1,2,3\n")).Message);
        Assert.Equal(["column1", "b"], Parse(",b\n1,2\n").Columns);
    }

    [Fact]
    public void Number_reads_invariant_culture_and_names_row_and_column_of_a_bad_cell()
    {
        var table = Parse("x,y\n1.5e3,-0.25\nabc,NaN\n");
        Assert.Equal(1500, table.Number(0, 0));
        Assert.Equal(-0.25, table.Number(0, 1));
        var text = Assert.Throws<DataFormatException>(() => table.Number(1, 0));
        Assert.Equal((3L, "x"), (text.Row!.Value, text.Column!));
        Assert.Contains("'abc' is not a number", text.Message);
        Assert.Contains("finite", Assert.Throws<DataFormatException>(() => table.Number(1, 1)).Message);
    }

    [Fact]
    public void An_unknown_column_lists_the_columns_there_are()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("alpha,beta\n1,2\n").ColumnIndex("gamma"));
        Assert.Equal("gamma", e.Column);
        Assert.Contains("'alpha', 'beta'", e.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var path = Path.Combine(_files.Folder, "bom.csv");
        File.WriteAllText(path, "a,b\n1,2\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal("a", CsvTable.Read(path).Columns[0]);
    }
}
