using System.Globalization;
using System.Text;

namespace Backprop.Tests.Cli;

/// <summary>Bad cells through the command line: one line naming file, line, column and value, exit code 1, nothing written;
/// every column left out is a note on stderr and in summary, and --strict makes it an error (issue #17).</summary>
public sealed class CliBadCellTests
{
    /// <summary>x1 real and distinct, x2 repeating, y = 1 when x1 is large; row <paramref name="badRow"/> of x1 is <paramref name="bad"/>.</summary>
    private static string Csv(int rows, int badRow = -1, string bad = "", bool withId = false)
    {
        var text = new StringBuilder(withId ? "id,x1,x2,y\n" : "x1,x2,y\n");
        for (int r = 0; r < rows; r++)
        {
            double x = r * 0.37 + 0.011;
            var x1 = r == badRow ? bad : x.ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{(withId ? $"{r + 1}," : "")}{x1},{r % 7},{(x > rows * 0.18 ? 1 : 0)}\n");
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("Infinity", 120)]
    [InlineData("1e400", 120)]
    [InlineData("abc", 120)]
    [InlineData("abc", 200)]
    public void Train_with_one_bad_cell_fails_in_one_line_naming_file_line_column_and_value(string bad, int rows)
    {
        using var box = new CliSandbox();
        var data = box.Write("F.csv", Csv(rows, badRow: 9, bad));
        box.Plant("m.bp");
        box.Fails(1, ["train", "--data", data, "--target", "y", "--out", box.PathOf("m.bp"), "--epochs", "2"], "F.csv", "line 11", "'x1'", $"'{bad}'", "--categorical");
    }

    [Fact]
    public void A_column_named_categorical_trains_although_one_cell_is_text()
    {
        using var box = new CliSandbox();
        var result = box.Run("train", "--data", box.Write("F.csv", Csv(60, badRow: 9, "abc")), "--target", "y", "--categorical", "x2,x1",
            "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet", "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void A_column_left_out_is_a_note_on_stderr_and_in_summary_even_when_quiet()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        var result = box.Run("train", "--data", box.Write("F.csv", Csv(60, withId: true)), "--target", "y", "--out", model, "--epochs", "2", "--quiet", "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("note: left out 'id' (unique identifier)", result.Err);
        Assert.Contains("left out: id (unique identifier)", box.Run("summary", "--model", model).Out);
    }

    [Fact]
    public void Strict_turns_a_column_left_out_into_an_error()
    {
        using var box = new CliSandbox();
        var data = box.Write("F.csv", Csv(60, withId: true));
        box.Plant("m.bp");
        box.Fails(1, ["train", "--data", data, "--target", "y", "--strict", "--out", box.PathOf("m.bp"), "--epochs", "2"], "F.csv", "'id'", "unique identifier", "--keep id");
    }

    [Fact]
    public void Evaluate_and_predict_fail_on_a_bad_cell_naming_its_line_and_column()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--data", box.Write("F.csv", Csv(60)), "--target", "y", "--out", model, "--epochs", "2", "--quiet", "--no-plot").ExitCode);
        var bad = box.Write("G.csv", Csv(20, badRow: 3, "-inf"));
        box.Fails(1, ["evaluate", "--model", model, "--data", bad], "G.csv", "line 5", "'x1'", "'-inf'");
        box.Fails(1, ["predict", "--model", model, "--data", bad], "G.csv", "line 5", "'x1'", "'-inf'");
    }
}
