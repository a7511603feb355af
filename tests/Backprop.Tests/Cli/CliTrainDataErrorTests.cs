namespace Backprop.Tests.Cli;

/// <summary>Bad training data: each mistake gives exit code 1, one "backprop:" line naming the file, line and column where
/// known, no stack trace, and leaves the planted m.bp (and every other file) exactly as it was.</summary>
public sealed class CliTrainDataErrorTests
{
    private static string Train(CliSandbox box, string csv, string name = "small.csv", string target = "y")
    {
        var data = box.Write(name, csv);
        box.Plant("m.bp");
        return box.Fails(1, ["train", "--data", data, "--target", target, "--out", box.PathOf("m.bp"), "--epochs", "3", "--quiet"]);
    }

    private static string TrainOn(CliSandbox box, string dataPath, params string[] mentions)
    {
        box.Plant("m.bp");
        return box.Fails(1, ["train", "--data", dataPath, "--out", box.PathOf("m.bp"), "--epochs", "3", "--quiet"], mentions);
    }

    [Fact]
    public void A_missing_data_file_is_named_and_nothing_is_written()
    {
        using var box = new CliSandbox();
        TrainOn(box, box.PathOf("missing.csv"), "missing.csv", "no such file");
    }

    [Fact]
    public void An_empty_folder_given_as_data_is_reported_as_an_image_folder_without_class_folders()
    {
        using var box = new CliSandbox();
        var folder = Directory.CreateDirectory(box.PathOf("pictures")).FullName;
        TrainOn(box, folder, "pictures", "sub-folder");
    }

    [Fact]
    public void A_folder_named_like_a_csv_is_not_mistaken_for_a_table()
    {
        using var box = new CliSandbox();
        var folder = Directory.CreateDirectory(box.PathOf("table.csv")).FullName;
        TrainOn(box, folder, "table.csv");
    }

    [Fact]
    public void A_data_file_of_an_unknown_kind_is_named_with_the_kinds_that_work()
    {
        using var box = new CliSandbox();
        TrainOn(box, box.Write("notes.dat", "hello"), "notes.dat", ".csv", ".txt");
    }

    [Fact]
    public void An_empty_csv_is_reported_as_empty()
    {
        using var box = new CliSandbox();
        Assert.Contains("small.csv: is empty", Train(box, ""));
    }

    [Fact]
    public void A_csv_with_only_a_header_says_it_has_no_data_rows()
    {
        using var box = new CliSandbox();
        var error = Train(box, "x1,x2,y\n");
        Assert.Contains("small.csv", error);
        Assert.Contains("no data rows", error);
    }

    [Fact]
    public void A_ragged_row_is_reported_with_its_line_number()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.WithRows("1,2,0", "3,4,1", "5,6"));
        Assert.Contains("small.csv, line 4", error);
        Assert.Contains("2 field(s)", error);
    }

    [Fact]
    public void Text_in_a_numeric_column_is_reported_with_its_line_and_column()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.GoodRowsThen("abc,0.5,1"));
        Assert.Contains("small.csv, line 22, column 'x1'", error);
        Assert.Contains("'abc'", error);
    }

    [Fact]
    public void A_nan_feature_is_reported_with_its_line_and_column()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.GoodRowsThen("0.5,NaN,1"));
        Assert.Contains("small.csv, line 22, column 'x2'", error);
        Assert.Contains("not a finite number", error);
    }

    [Fact]
    public void An_infinite_feature_is_reported_with_its_line_and_column()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.GoodRowsThen("0.5,1,0", "-Infinity,1,1"));
        Assert.Contains("small.csv, line 23, column 'x1'", error);
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_reported_as_not_finite()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.GoodRowsThen("1e999,1,0"));
        Assert.Contains("line 22, column 'x1'", error);
    }

    [Fact]
    public void A_nan_target_is_reported_with_its_line_and_the_target_column()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.GoodRowsThen("0.5,1,nan"));
        Assert.Contains("small.csv, line 22, column 'y'", error);
    }

    [Fact]
    public void A_missing_target_value_is_reported_with_its_line()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.GoodRowsThen("0.5,1,"));
        Assert.Contains("small.csv, line 22, column 'y'", error);
        Assert.Contains("target is missing", error);
    }

    [Fact]
    public void An_unknown_target_column_is_named_with_the_columns_there_are()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.GoodRowsThen(), target: "price");
        Assert.Contains("'price'", error);
        Assert.Contains("'x1', 'x2', 'y'", error);
    }

    [Fact]
    public void A_target_with_a_single_class_says_there_is_nothing_to_learn()
    {
        using var box = new CliSandbox();
        var error = Train(box, CliTables.WithRows("1,2,1", "3,4,1", "5,6,1", "7,8,1"));
        Assert.Contains("column 'y'", error);
        Assert.Contains("single value", error);
    }

    [Fact]
    public void A_table_with_no_feature_columns_besides_the_target_is_refused()
    {
        using var box = new CliSandbox();
        var error = Train(box, "y\n0\n1\n0\n1\n");
        Assert.Contains("no feature columns", error);
    }

    [Fact]
    public void A_header_naming_a_column_twice_is_refused()
    {
        using var box = new CliSandbox();
        var error = Train(box, "x1,x1,y\n1,2,0\n3,4,1\n");
        Assert.Contains("'x1' twice", error);
    }

    [Fact]
    public void A_model_path_in_a_folder_that_does_not_exist_is_refused_before_training()
    {
        using var box = new CliSandbox();
        var data = box.Write("small.csv", CliTables.Binary());
        box.Fails(1, ["train", "--data", data, "--target", "y", "--out", box.PathOf("nowhere/m.bp"), "--epochs", "3", "--quiet"], "nowhere");
        Assert.False(Directory.Exists(box.PathOf("nowhere")));
    }

    [Fact]
    public void A_model_path_that_is_a_folder_is_refused_before_training()
    {
        using var box = new CliSandbox();
        var data = box.Write("small.csv", CliTables.Binary());
        Directory.CreateDirectory(box.PathOf("m.bp"));
        box.Fails(1, ["train", "--data", data, "--target", "y", "--out", box.PathOf("m.bp"), "--epochs", "3", "--quiet"], "m.bp", "folder");
    }

    [Fact]
    public void A_plot_path_in_a_folder_that_does_not_exist_is_refused_before_the_model_is_written()
    {
        using var box = new CliSandbox();
        box.Plant("m.bp");
        box.Fails(1, ["train", "--out", box.PathOf("m.bp"), "--plot", box.PathOf("nowhere/cost.png"), "--epochs", "2", "--quiet"], "nowhere");
    }
}
