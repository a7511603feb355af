using System.Globalization;
using System.Text;
using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>A cell that cannot be a finite number, in a column of numbers, is an error naming the file, line, column and
/// value, whatever the number of rows; real-valued columns are never taken for identifiers; strict mode turns a column
/// left out into an error (issue #17).</summary>
public sealed class BadCellTests
{
    /// <summary>A header "x1,x2,y" and <paramref name="rows"/> rows of distinct real x1, repeating x2 and a 0/1 target;
    /// row <paramref name="badRow"/> (0-based) of x1 holds <paramref name="bad"/>.</summary>
    private static CsvTable Table(int rows, int badRow = -1, string bad = "")
    {
        var text = new StringBuilder("x1,x2,y\n");
        for (int r = 0; r < rows; r++)
        {
            var x1 = r == badRow ? bad : (r * 0.37 + 0.011).ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{x1},{r % 7},{r % 2}\n");
        }
        return CsvTable.Parse(new StringReader(text.ToString()), "F.csv");
    }

    [Theory]
    [InlineData("Infinity", 120)]
    [InlineData("Infinity", 200)]
    [InlineData("-inf", 120)]
    [InlineData("1e400", 120)]
    [InlineData("1e400", 200)]
    [InlineData("NaN", 25)]
    [InlineData("abc", 120)]
    [InlineData("abc", 200)]
    [InlineData("abc", 21)]
    public void A_cell_that_is_not_a_finite_number_among_numbers_fails_naming_file_line_column_and_value(string bad, int rows)
    {
        var e = Assert.Throws<DataFormatException>(() => TablePreprocessor.Fit(Table(rows, badRow: 17, bad), "y"));
        Assert.Equal(19L, e.Row);         // the header is line 1, data row 0 is line 2
        Assert.Equal("x1", e.Column);
        Assert.StartsWith($"F.csv, line 19, column 'x1': '{bad}' is not a", e.Message);
        Assert.Contains("categorical", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Naming_the_column_as_categorical_is_the_way_out_for_a_code_column_with_a_letter()
    {
        var prep = TablePreprocessor.Fit(Table(30, badRow: 3, "A"), "y", options: new TableOptions { Categorical = ["x1"] });
        Assert.IsType<CategoricalColumn>(prep.Columns.Single(c => c.Name == "x1"));
    }

    [Fact]
    public void A_text_column_with_a_few_numbers_stays_categorical()
    {
        var text = "city,y\n" + string.Concat(Enumerable.Range(0, 40).Select(r => $"{(r % 10 == 0 ? "42" : r % 2 == 0 ? "Paris" : "Lyon")},{r % 2}\n"));
        var prep = TablePreprocessor.Fit(CsvTable.Parse(new StringReader(text), "c.csv"), "y");
        Assert.IsType<CategoricalColumn>(prep.Columns.Single());
    }

    [Fact]
    public void A_column_of_distinct_real_numbers_is_kept_as_a_feature_not_taken_for_an_identifier()
    {
        var prep = TablePreprocessor.Fit(Table(200), "y");
        Assert.Empty(prep.LeftOut);
        Assert.IsType<NumericColumn>(prep.Columns.Single(c => c.Name == "x1"));
    }

    [Fact]
    public void A_column_of_consecutive_whole_numbers_is_still_left_out_as_an_identifier()
    {
        var text = "row,x,y\n" + string.Concat(Enumerable.Range(0, 50).Select(r => $"{r + 1},{r % 5},{r % 2}\n"));
        var prep = TablePreprocessor.Fit(CsvTable.Parse(new StringReader(text), "ids.csv"), "y");
        Assert.Equal([new LeftOutColumn("row", "unique identifier")], prep.LeftOut);
    }

    [Fact]
    public void Consecutive_whole_numbers_count_as_an_identifier_on_the_training_rows_of_a_split()
    {
        // "seq" is not named like an id: only max − min + 1 ≤ n (the table's 50 rows) says so, for the 40 rows fitted on.
        var text = "seq,x,y\n" + string.Concat(Enumerable.Range(0, 50).Select(r => $"{r + 1},{r % 5},{r % 2}\n"));
        var trainRows = Enumerable.Range(0, 50).Where(r => r % 5 != 2).ToArray();
        var prep = TablePreprocessor.Fit(CsvTable.Parse(new StringReader(text), "ids.csv"), "y", trainRows);
        Assert.Equal([new LeftOutColumn("seq", "unique identifier")], prep.LeftOut);
    }

    [Fact]
    public void Strict_mode_turns_a_column_left_out_into_an_error_naming_the_column_and_keep()
    {
        var text = "row,x,y\n" + string.Concat(Enumerable.Range(0, 50).Select(r => $"{r + 1},{r % 5},{r % 2}\n"));
        var e = Assert.Throws<DataFormatException>(() =>
            TablePreprocessor.Fit(CsvTable.Parse(new StringReader(text), "ids.csv"), "y", options: new TableOptions { Strict = true }));
        Assert.Equal("row", e.Column);
        Assert.Contains("unique identifier", e.Message);
        Assert.Contains("--keep row", e.Message);
    }

    [Fact]
    public void A_bad_cell_in_new_data_for_a_fitted_model_names_its_line_and_column()
    {
        var prep = TablePreprocessor.Fit(Table(30), "y");
        var e = Assert.Throws<DataFormatException>(() => prep.TransformFeatures<float>(Table(10, badRow: 4, "1e400")));
        Assert.Equal((6L, "x1"), (e.Row!.Value, e.Column!));
        Assert.Contains("'1e400' is not a finite number", e.Message);
    }
}
