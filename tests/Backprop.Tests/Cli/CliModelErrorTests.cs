namespace Backprop.Tests.Cli;

/// <summary>One small model trained once for the whole class: a binary model on columns a, b, c and a planar model.</summary>
public sealed class TrainedModels : IDisposable
{
    private readonly CliSandbox _box = new();

    public TrainedModels()
    {
        TableCsv = CliTables.Numeric("a", "b", "c");
        var data = _box.Write("abc.csv", TableCsv);
        var table = _box.Run("train", "--data", data, "--target", "y", "--out", _box.PathOf("table.bp"), "--epochs", "3", "--quiet");
        Assert.True(table.ExitCode == 0, table.ToString());
        var planar = _box.Run("train", "--out", _box.PathOf("planar.bp"), "--epochs", "3", "--quiet");
        Assert.True(planar.ExitCode == 0, planar.ToString());
        Table = File.ReadAllBytes(_box.PathOf("table.bp"));
        Planar = File.ReadAllBytes(_box.PathOf("planar.bp"));
    }

    /// <summary>The training table: numeric columns a, b, c and the 0/1 target y.</summary>
    public string TableCsv { get; }

    public byte[] Table { get; }

    public byte[] Planar { get; }

    public void Dispose() => _box.Dispose();
}

/// <summary>Models that cannot be used — missing, a folder, random bytes, truncated, not a Backprop model, damaged
/// metadata — and data that does not fit the model: exit 1 (2 for a flag that contradicts the model), one line, no stack
/// trace, and a planted predictions file left alone.</summary>
public sealed class CliModelErrorTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    public static TheoryData<string> Commands => ["evaluate", "predict", "summary"];

    /// <summary>Runs <paramref name="command"/> on the model at <paramref name="model"/> with the training table as data
    /// (predict writing to a planted preds.csv) and checks it fails with exit 1.</summary>
    private static string FailsOn(CliSandbox box, string command, string model, params string[] mentions)
    {
        var data = box.Write("abc.csv", CliTables.Numeric("a", "b", "c"));
        string[] args = command switch
        {
            "evaluate" => ["evaluate", "--model", model, "--data", data],
            "predict" => ["predict", "--model", model, "--data", data, "--out", box.Plant("preds.csv")],
            _ => ["summary", "--model", model],
        };
        return box.Fails(1, args, mentions);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_missing_model_file_is_named(string command)
    {
        using var box = new CliSandbox();
        FailsOn(box, command, box.PathOf("missing.bp"), "missing.bp");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_folder_given_as_the_model_is_refused(string command)
    {
        using var box = new CliSandbox();
        FailsOn(box, command, Directory.CreateDirectory(box.PathOf("models.bp")).FullName, "models.bp");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_model_file_of_random_bytes_is_reported_as_not_a_model(string command)
    {
        using var box = new CliSandbox();
        var bytes = new byte[600];
        new Random(5).NextBytes(bytes);
        FailsOn(box, command, box.WriteBytes("m.bp", bytes), "m.bp");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_model_file_of_a_few_bytes_is_reported_as_too_short(string command)
    {
        using var box = new CliSandbox();
        FailsOn(box, command, box.WriteBytes("m.bp", [1, 2, 3]), "m.bp", "too short");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_model_file_truncated_in_its_tensor_data_is_reported(string command)
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table.AsSpan(0, models.Table.Length - 40).ToArray());
        FailsOn(box, command, model, "m.bp");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_model_file_truncated_in_its_header_is_reported(string command)
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table.AsSpan(0, 100).ToArray());
        FailsOn(box, command, model, "m.bp", "truncated");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_safetensors_file_that_is_not_a_backprop_model_is_refused(string command)
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", CliModelBytes.WithHeader(models.Table, header => header["__metadata__"]!.AsObject().Remove("format")));
        FailsOn(box, command, model, "m.bp", "not a Backprop model");
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("predict")]
    public void A_model_whose_stored_preprocessing_is_damaged_is_reported_without_a_stack_trace(string command)
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", CliModelBytes.WithHeader(models.Table, header => header["__metadata__"]!["preprocessing"] = "{\"columns\": 7"));
        FailsOn(box, command, model, "m.bp");
    }

    [Fact]
    public void A_model_whose_stored_class_names_are_damaged_is_reported_without_a_stack_trace()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", CliModelBytes.WithHeader(models.Table, header => header["__metadata__"]!["classes"] = "[\"no\""));
        FailsOn(box, "predict", model, "m.bp");
    }

    [Fact]
    public void A_model_whose_stored_class_list_is_too_short_is_reported_without_a_stack_trace()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", CliModelBytes.WithMetadata(models.Table, "classes", "[\"0\"]"));
        FailsOn(box, "predict", model, "m.bp");
    }

    [Fact]
    public void Evaluating_on_a_table_whose_target_has_a_class_the_model_never_saw_names_the_line()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var data = box.Write("abc.csv", "a,b,c,y\n1,2,3,1\n4,5,6,2\n");
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "abc.csv, line 3, column 'y'", "'2'");
    }

    [Fact]
    public void Evaluating_on_a_table_with_other_columns_names_the_column_the_model_needs()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var data = box.Write("defg.csv", CliTables.Numeric("d", "e", "f", "g"));
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "defg.csv", "lacks", "'a'");
    }

    [Fact]
    public void Predicting_on_a_table_with_other_columns_leaves_the_existing_predictions_alone()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var data = box.Write("defg.csv", CliTables.Numeric("d", "e", "f", "g"));
        box.Fails(1, ["predict", "--model", model, "--data", data, "--out", box.Plant("preds.csv")], "defg.csv", "lacks", "'a'");
    }

    [Fact]
    public void Evaluating_on_a_table_without_the_target_column_names_it()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var data = box.Write("abc.csv", "a,b,c\n1,2,3\n4,5,6\n");
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "abc.csv", "'y'");
    }

    [Fact]
    public void Evaluating_with_a_target_other_than_the_models_is_a_usage_error()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var data = box.Write("abc.csv", models.TableCsv);
        box.Fails(2, ["evaluate", "--model", model, "--data", data, "--target", "a"], "--target", "'y'");
    }

    [Fact]
    public void Text_in_a_numeric_column_at_prediction_time_is_reported_with_line_and_column()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var data = box.Write("new.csv", "a,b,c\n1,2,3\n4,five,6\n");
        box.Fails(1, ["predict", "--model", model, "--data", data, "--out", box.Plant("preds.csv")], "new.csv, line 3, column 'b'", "'five'");
    }

    [Fact]
    public void A_missing_data_file_for_a_table_model_is_named()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        box.Fails(1, ["evaluate", "--model", model, "--data", box.PathOf("missing.csv")], "missing.csv", "not found");
    }

    [Fact]
    public void A_folder_given_as_data_for_a_table_model_is_refused()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var folder = Directory.CreateDirectory(box.PathOf("rows")).FullName;
        box.Fails(1, ["predict", "--model", model, "--data", folder, "--out", box.Plant("preds.csv")], "rows", "folder");
    }

    [Fact]
    public void A_missing_csv_for_the_planar_model_is_reported_as_missing()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Planar);
        box.Fails(1, ["evaluate", "--model", model, "--data", box.PathOf("missing.csv")], "missing.csv", "not found");
    }

    [Fact]
    public void A_planar_model_refuses_a_csv_with_more_columns_than_its_features_and_label()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Planar);
        var data = box.Write("defg.csv", CliTables.Numeric("d", "e", "f", "g"));
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "defg.csv", "2");
    }

    [Fact]
    public void A_planar_model_refuses_a_csv_with_fewer_columns_than_its_features()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Planar);
        var data = box.Write("one.csv", "x1\n1\n2\n");
        box.Fails(1, ["predict", "--model", model, "--data", data, "--out", box.Plant("preds.csv")], "one.csv", "1 column(s)", "2 input features");
    }

    [Fact]
    public void A_planar_model_reports_text_in_a_csv_with_line_and_column()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Planar);
        var data = box.Write("points.csv", "x1,x2,y\n1,2,0\n3,oops,1\n");
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "points.csv, line 3, column 'x2'", "'oops'");
    }

    [Fact]
    public void Predictions_into_a_folder_that_does_not_exist_are_refused()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var data = box.Write("abc.csv", models.TableCsv);
        box.Fails(1, ["predict", "--model", model, "--data", data, "--out", box.PathOf("nowhere/preds.csv")], "nowhere");
    }

    [Fact]
    public void Predicting_an_image_with_a_table_model_is_refused()
    {
        using var box = new CliSandbox();
        var model = box.WriteBytes("m.bp", models.Table);
        var image = box.Write("cat.png", "not really a png");
        box.Fails(1, ["predict", "--model", model, "--image", image], "expects 3 inputs");
    }
}
