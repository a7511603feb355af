using System.Globalization;
using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Columns that cannot help are left out with a reason, unless kept on purpose; measurements stay.</summary>
public sealed class ColumnScreenTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>40 passengers: a running id, a unique name, a ticket text that nearly never repeats, a constant port,
    /// a measured fare (all different), a class of 3 values and the label.</summary>
    private string Passengers()
    {
        var rows = Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i + 1},Passenger {i},T{i % 25},S,{10 + i * 1.37:F2},{i % 3 + 1},{i % 2}"));
        return _files.Write("passengers.csv", "PassengerId,name,ticket,port,fare,class,survived\n" + string.Join('\n', rows) + "\n");
    }

    [Fact]
    public void An_id_free_text_and_a_constant_column_are_left_out_naming_each_reason()
    {
        var data = CsvTable.Load<float>(Passengers(), "survived");
        Assert.Equal(
            [new LeftOutColumn("PassengerId", "unique identifier"), new LeftOutColumn("name", "unique identifier"),
             new LeftOutColumn("ticket", "free text"), new LeftOutColumn("port", "constant")],
            data.Preprocessor.LeftOut);
        Assert.Equal(["fare", "class"], data.Preprocessor.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Keep_uses_a_column_the_screen_would_leave_out()
    {
        var data = CsvTable.Load<float>(Passengers(), "survived", new TableOptions { Keep = ["PassengerId"] });
        Assert.Contains(data.Preprocessor.Columns, c => c.Name == "PassengerId");
        Assert.DoesNotContain(data.Preprocessor.LeftOut, c => c.Name == "PassengerId");
    }

    [Fact]
    public void The_left_out_columns_survive_the_json_round_trip()
    {
        var p = CsvTable.Load<float>(Passengers(), "survived").Preprocessor;
        Assert.Equal(p.LeftOut, TablePreprocessor.FromJson(p.ToJson()).LeftOut);
    }

    [Fact]
    public void Distinct_measurements_and_small_tables_are_kept()
    {
        var rows = Enumerable.Range(0, 30).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i * 3 + 100},{i * 0.1:F1},{i % 2}"));
        var data = CsvTable.Load<float>(_files.Write("m.csv", "weight,height,y\n" + string.Join('\n', rows) + "\n"), "y");
        Assert.Empty(data.Preprocessor.LeftOut); // whole numbers 100, 103, … are distinct but not consecutive and not named like an id
        var small = CsvTable.Load<float>(_files.Write("s.csv", "id,y\n1,0\n2,1\n3,0\n4,1\n"), "y", new TableOptions { TestFraction = 0 });
        Assert.Empty(small.Preprocessor.LeftOut);
    }

    [Fact]
    public void A_table_whose_every_feature_is_left_out_says_which_and_how_to_keep_one()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"{i},{i % 2}");
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Load<float>(_files.Write("ids.csv", "id,y\n" + string.Join('\n', rows) + "\n"), "y"));
        Assert.Contains("'id' (unique identifier)", e.Message);
        Assert.Contains("--keep", e.Message);
    }

    [Theory]
    [InlineData("id", true)]
    [InlineData("PassengerId", true)]
    [InlineData("customer_id", true)]
    [InlineData("Id", true)]
    [InlineData("paid", false)]
    [InlineData("width", false)]
    public void Id_like_names_are_recognised(string name, bool expected) => Assert.Equal(expected, ColumnScreen.IdLikeName(name));
}
