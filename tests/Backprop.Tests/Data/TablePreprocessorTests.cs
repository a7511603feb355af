using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Fitting on training rows and re-applying: standardisation, one-hot, imputation, task detection, JSON round trip.</summary>
public sealed class TablePreprocessorTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static CsvTable Parse(string text) => CsvTable.Parse(new StringReader(text), "t.csv");

    // Rows: size 1, 2, (missing), 5 → median 2, filled column 1, 2, 2, 5: μ = 2.5, σ = √(9/4) = 1.5.
    private const string Houses =
        "size,colour,price\n" +
        "1,red,10.5\n" +
        "2,\"blue, dark\",20.5\n" +
        ",red,30\n" +
        "5,,40\n";

    [Fact]
    public void Numeric_columns_are_median_filled_then_standardised_and_categories_one_hot_with_mode_fill()
    {
        var table = Parse(Houses);
        var prep = TablePreprocessor.Fit(table, "price");
        var data = prep.Transform<double>(table);
        Assert.Equal(["size", "colour=blue, dark", "colour=red"], prep.FeatureNames);
        var size = (NumericColumn)prep.Columns[0];
        Assert.Equal((2.0, 2.5, 1.5), (size.Fill, size.Mean, size.Scale));
        double s = 1.5;
        double[] expected =
        [
            (1 - 2.5) / s, 0, 1,
            (2 - 2.5) / s, 1, 0,
            (2 - 2.5) / s, 0, 1,
            (5 - 2.5) / s, 0, 1,   // missing colour → the mode, red
        ];
        Assert.Equal(expected, data.X.ToArray());
        Assert.Equal(TargetKind.Regression, prep.Target.Kind);
        Assert.Equal([new ImputedColumn("size", 1, "the training median 2"), new ImputedColumn("colour", 1, "the most frequent training category 'red'")],
            prep.CountMissing(table));
    }

    [Fact]
    public void A_regression_target_is_standardised_and_unscaled_back()
    {
        var table = Parse(Houses);
        var prep = TablePreprocessor.Fit(table, "price");
        var y = prep.Transform<double>(table).Y;
        Assert.Equal([4, 1], y.Shape.ToArray());
        double mean = (10.5 + 20.5 + 30 + 40) / 4;
        Assert.Equal(mean, prep.Target.Mean, 12);
        Assert.Equal(0, y.ToArray().Sum(), 12);
        Assert.Equal(40, prep.Target.Unscale(y[3, 0]), 12);
        var raw = TablePreprocessor.Fit(table, "price", options: new TableOptions { StandardizeTarget = false, Standardize = false });
        Assert.Equal([10.5, 20.5, 30, 40], raw.Transform<double>(table).Y.ToArray());
        Assert.Equal([1.0, 2, 2, 5], raw.Transform<double>(table).X.ToArray().Where((_, i) => i % 3 == 0));
    }

    [Fact]
    public void Fitting_uses_only_the_training_rows_and_unknown_categories_become_all_zeros()
    {
        var table = Parse("x,kind,y\n1,a,0\n3,a,1\n100,b,0\n,c,1\n");
        var prep = TablePreprocessor.Fit(table, "y", [0, 1, 3]);
        var x = (NumericColumn)prep.Columns[0];
        Assert.Equal(2, x.Fill);                         // median of 1 and 3; 100 is a test row
        Assert.Equal(2, x.Mean);
        Assert.Equal(["a", "c"], ((CategoricalColumn)prep.Columns[1]).Categories);
        var test = prep.TransformFeatures<double>(table, [2]);
        Assert.Equal([(100 - 2) / 1.0 / x.Scale, 0, 0], test.ToArray());
    }

    [Fact]
    public void A_word_in_a_numeric_column_names_its_line_and_column()
    {
        var path = _files.Write("typo.csv", "a,b,y\n1,2,0\n3,4,1\n5,x7,0\n6,8,1\n9,10,0\n");
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Load<double>(path, "y"));
        Assert.Equal((4L, "b"), (e.Row!.Value, e.Column!));
        Assert.StartsWith("typo.csv, line 4, column 'b': 'x7' is not a number", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void NaN_and_infinite_values_are_rejected_with_their_place(string cell)
    {
        var e = Assert.Throws<DataFormatException>(() => TablePreprocessor.Fit(Parse($"a,y\n1,0\n{cell},1\n"), "y"));
        Assert.Equal((3L, "a"), (e.Row!.Value, e.Column!));
        Assert.Contains("not a finite number", e.Message);
        Assert.Contains("not a finite number", Assert.Throws<DataFormatException>(() => TablePreprocessor.Fit(Parse($"a,y\n1,0\n2,{cell}\n3,1\n"), "y")).Message);
    }

    [Fact]
    public void Two_distinct_target_values_are_binary_classes_in_sorted_order()
    {
        var prep = TablePreprocessor.Fit(Parse("x,sick\n1,yes\n2,no\n3,yes\n"), "sick");
        Assert.Equal(TargetKind.Binary, prep.Target.Kind);
        Assert.Equal(["no", "yes"], prep.ClassNames!);
        var data = prep.Transform<float>(Parse("x,sick\n1,yes\n2,no\n3,yes\n"));
        Assert.Equal([3, 1], data.Y.Shape.ToArray());
        Assert.Equal([1f, 0, 1], data.Y.ToArray());
        var numeric = TablePreprocessor.Fit(Parse("x,y\n1,1.0\n2,-1\n3,1\n"), "y");
        Assert.Equal(["-1", "1.0"], numeric.ClassNames!);
        Assert.Equal([1.0, 0, 1], numeric.Transform<double>(Parse("x,y\n1,1\n2,-1\n3,1.0\n")).Y.ToArray());
    }

    [Fact]
    public void Text_targets_and_small_integer_targets_are_multiclass_with_class_index_labels()
    {
        var text = TablePreprocessor.Fit(Parse("x,animal\n1,dog\n2,cat\n3,owl\n4,cat\n"), "animal");
        Assert.Equal(TargetKind.Multiclass, text.Target.Kind);
        Assert.Equal(["cat", "dog", "owl"], text.ClassNames!);
        var data = text.Transform<double>(Parse("x,animal\n1,dog\n2,cat\n3,owl\n4,cat\n"));
        Assert.Equal([4], data.Y.Shape.ToArray());
        Assert.Equal([1.0, 0, 2, 0], data.Y.ToArray());
        Assert.Equal(3, text.Target.Outputs);
        var digits = TablePreprocessor.Fit(Parse("x,d\n1,10\n2,2\n3,3\n"), "d");
        Assert.Equal(["2", "3", "10"], digits.ClassNames!);
        var real = TablePreprocessor.Fit(Parse("x,d\n1,1.5\n2,2\n3,3\n"), "d");
        Assert.Equal(TargetKind.Regression, real.Target.Kind);
        var forced = TablePreprocessor.Fit(Parse("x,d\n1,1\n2,2\n3,3\n"), "d", options: new TableOptions { Task = TargetKind.Regression });
        Assert.Equal(TargetKind.Regression, forced.Target.Kind);
    }

    [Fact]
    public void A_target_with_one_value_or_a_missing_cell_is_an_error()
    {
        Assert.Contains("single value", Assert.Throws<DataFormatException>(() => TablePreprocessor.Fit(Parse("x,y\n1,a\n2,a\n"), "y")).Message);
        var e = Assert.Throws<DataFormatException>(() => TablePreprocessor.Fit(Parse("x,y\n1,0\n2,\n3,1\n"), "y"));
        Assert.Equal((3L, "y"), (e.Row!.Value, e.Column!));
    }

    [Fact]
    public void The_preprocessing_round_trips_through_json_and_applies_to_a_prediction_file_without_the_target()
    {
        var table = Parse(Houses);
        var prep = TablePreprocessor.Fit(table, "price");
        var json = prep.ToJson();
        Assert.Contains("\"kind\":\"numeric\"", json);
        Assert.Contains("\"kind\":\"Regression\"", json);
        var again = TablePreprocessor.FromJson(json);
        Assert.Equal(json, again.ToJson());
        Assert.Equal(prep.Transform<double>(table).X.ToArray(), again.Transform<double>(table).X.ToArray());
        // Columns in another order, no target, an unseen colour and a missing size.
        var later = Parse("colour,size\nred,2\ngreen,\n");
        double s = 1.5;
        Assert.Equal([(2 - 2.5) / s, 0, 1, (2 - 2.5) / s, 0, 0], again.TransformFeatures<double>(later).ToArray());
        Assert.Contains("no column 'size'", Assert.Throws<DataFormatException>(() => again.TransformFeatures<double>(Parse("colour\nred\n"))).Message);
    }

    [Fact]
    public void Damaged_json_is_a_DataFormatException_naming_its_source()
    {
        var json = TablePreprocessor.Fit(Parse(Houses), "price").ToJson();
        Assert.StartsWith("m.bp: ", Assert.Throws<DataFormatException>(() => TablePreprocessor.FromJson("{", "m.bp")).Message);
        Assert.Throws<DataFormatException>(() => TablePreprocessor.FromJson("{}"));
        Assert.Throws<DataFormatException>(() => TablePreprocessor.FromJson(json.Replace("\"kind\":\"numeric\"", "\"kind\":\"System.IO.File\"")));
        Assert.Contains("scale", Assert.Throws<DataFormatException>(() => TablePreprocessor.FromJson(json.Replace("\"scale\":", "\"scale\":-").Replace("--", "-"))).Message);
        Assert.Throws<DataFormatException>(() => TablePreprocessor.FromJson(json.Replace("\"red\"]", "\"blue, dark\"]")));
    }

    [Fact]
    public void Options_force_categories_ignore_columns_and_add_missing_markers()
    {
        var table = Parse("id,zip,size,y\n1,100,NA,a\n2,200,3,b\n3,100,?,a\n4,300,5,b\n");
        var prep = TablePreprocessor.Fit(table, "y", options: new TableOptions
        {
            Ignore = ["id"], Categorical = ["zip"], MissingMarkers = ["NA", "?"],
        });
        Assert.Equal(["zip=100", "zip=200", "zip=300", "size"], prep.FeatureNames);
        Assert.Equal(4, ((NumericColumn)prep.Columns[1]).Fill);
        Assert.Equal([new ImputedColumn("size", 2, "the training median 4")], prep.CountMissing(table));
        Assert.Throws<DataFormatException>(() => TablePreprocessor.Fit(table, "y", options: new TableOptions { Ignore = ["nope"] }));
    }

    [Fact]
    public void A_text_column_with_too_many_values_asks_to_be_ignored()
    {
        var rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"name{i},{i % 2}\n"));
        var e = Assert.Throws<DataFormatException>(() => TablePreprocessor.Fit(Parse("name,y\n" + rows), "y", options: new TableOptions { MaxCategories = 10 }));
        Assert.Equal("name", e.Column);
        Assert.Contains("Ignore", e.Message);
    }

    [Fact]
    public void Load_splits_then_fits_on_the_training_rows_only()
    {
        var rows = string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},{(i % 3 == 0 ? "" : "q")},{i * 2}.5\n"));
        var data = CsvTable.Load<double>(_files.Write("ten.csv", "x,tag,y\n" + rows), "y", new TableOptions { TestFraction = 0.3, Seed = 3, LeaveOutUnhelpful = false }); // 'tag' is constant in the training rows
        Assert.Equal((7, 3), (data.Train.Count, data.Test.Count));
        var testRows = new Backprop.Randomness.NumpyRandom(3).Permutation(10)[..3];
        Assert.Equal(testRows.Select(i => i * 2 + 0.5), data.Test.Y.ToArray().Select(data.Preprocessor.Target.Unscale).Select(v => Math.Round(v, 9)));
        var trainX = Enumerable.Range(0, 10).Except(testRows).Select(i => (double)i).ToArray();
        Assert.Equal(trainX.Average(), ((NumericColumn)data.Preprocessor.Columns[0]).Mean, 12);
        Assert.Equal([new ImputedColumn("tag", 4, "the most frequent training category 'q'")], data.Imputed);
        var all = CsvTable.Load<double>(_files.Write("ten2.csv", "x,tag,y\n" + rows), "y", new TableOptions { TestFraction = 0 });
        Assert.Equal((10, 0), (all.Train.Count, all.Test.Count));
    }

    [Fact]
    public void An_unknown_target_column_is_named()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Load<double>(_files.Write("h.csv", "a,b\n1,2\n"), "price"));
        Assert.Equal("price", e.Column);
        Assert.Contains("'a', 'b'", e.Message);
    }

    [SkippableFact]
    public void California_housing_loads_as_is_with_207_bedrooms_imputed_and_ocean_proximity_one_hot()
    {
        var data = CsvTable.Load<float>(TestData.Dataset("housing", "housing.csv"), "median_house_value");
        Assert.Equal(TargetKind.Regression, data.Preprocessor.Target.Kind);
        Assert.Equal((16512, 4128), (data.Train.Count, data.Test.Count));
        Assert.Equal(13, data.Train.FeatureCount);                       // 8 numeric + 5 categories
        Assert.Equal(["ocean_proximity=<1H OCEAN", "ocean_proximity=INLAND", "ocean_proximity=ISLAND", "ocean_proximity=NEAR BAY", "ocean_proximity=NEAR OCEAN"],
            data.Train.FeatureNames!.Skip(8));
        var imputed = Assert.Single(data.Imputed);
        Assert.Equal(("total_bedrooms", 207), (imputed.Column, imputed.Cells));
        Assert.InRange(data.Preprocessor.Target.Mean, 200000, 215000);
        var x = data.Train.X.ToArray();
        Assert.All(x, v => Assert.True(float.IsFinite(v)));
        double incomeMean = Enumerable.Range(0, data.Train.Count).Average(i => (double)x[i * 13 + 7]);
        Assert.Equal(0, incomeMean, 4);                                  // standardised on these very rows
        Assert.Equal(9136 + 6551 + 2658 + 2290 + 5, data.Train.Count + data.Test.Count);
    }
}
