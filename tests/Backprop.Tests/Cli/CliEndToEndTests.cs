using System.Text.Json;

namespace Backprop.Tests.Cli;

/// <summary>train → evaluate → predict → summary through the real command tree, in-process, on tiny generated tables.</summary>
public sealed class CliEndToEndTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void A_binary_table_with_text_and_empty_cells_trains_evaluates_predicts_and_summarises()
    {
        using var box = new CliSandbox();
        var lines = RoundTrip(box, CliTables.Binary(), "y", ["accuracy", "loss", "precision", "recall", "f1"], "row,label,probability");
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            Assert.Equal(3, fields.Length);
            Assert.Contains(fields[1], new[] { "yes", "no" });
            double p = double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(p, 0, 1);
        }
    }

    [Fact]
    public void A_regression_table_trains_and_evaluates_with_mse_mae_and_r2()
    {
        using var box = new CliSandbox();
        var lines = RoundTrip(box, CliTables.Regression(), "price", ["mse", "mae", "r2", "loss"], "row,value");
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            Assert.Equal(2, fields.Length);
            Assert.True(double.IsFinite(double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)), line);
        }
    }

    [Fact]
    public void A_three_class_table_trains_a_multiclass_model_whose_predictions_are_its_class_names()
    {
        using var box = new CliSandbox();
        var lines = RoundTrip(box, CliTables.Multiclass(), "species", ["accuracy", "loss", "precision", "recall", "f1"], "row,label,probability");
        foreach (var line in lines.Skip(1))
            Assert.Contains(line.Split(',')[1], new[] { "setosa", "versicolor", "virginica" });
        var summary = box.Run("summary", "--model", box.PathOf("m.bp"));
        Assert.Contains("multiclass", summary.Out);
        Assert.Contains("softmax", summary.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Train_with_json_prints_one_parseable_object_describing_the_run()
    {
        using var box = new CliSandbox();
        var data = box.Write("small.csv", CliTables.Binary());
        var model = box.PathOf("m.bp");
        var result = box.Run("train", "--data", data, "--target", "y", "--out", model, "--epochs", "3", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Err);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("binary", root.GetProperty("task").GetString());
        Assert.Equal(Path.GetFullPath(model), root.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("layers").ValueKind);
        Assert.True(root.GetProperty("train").TryGetProperty("accuracy", out _));
        Assert.True(root.GetProperty("test").TryGetProperty("accuracy", out _));
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void Train_without_data_learns_the_planar_flower_and_writes_the_model_and_both_plots()
    {
        using var box = new CliSandbox();
        string model = box.PathOf("planar.bp"), plot = box.PathOf("cost.png"), boundary = box.PathOf("cost-boundary.png");
        var result = box.Run("train", "--out", model, "--plot", plot, "--epochs", "5");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("backprop:", result.Err);
        Assert.True(File.Exists(model));
        foreach (var png in new[] { plot, boundary })
        {
            Assert.True(File.Exists(png), $"{png} missing:\n{result}");
            Assert.Equal(PngSignature, File.ReadAllBytes(png).Take(8).ToArray());
        }
        Assert.Contains(Path.GetFullPath(model), result.Out);
        Assert.Contains(Path.GetFullPath(plot), result.Out);
        Assert.Contains(Path.GetFullPath(boundary), result.Out);
        // No temporary files are left beside the outputs.
        Assert.Equal(["cost-boundary.png", "cost.png", "planar.bp"], Directory.GetFiles(box.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var summary = box.Run("summary", "--model", model);
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.Contains("planar", summary.Out);
    }

    [Fact]
    public void Train_with_iterations_runs_the_course_full_batch_loop()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        var result = box.Run("train", "--out", model, "--iterations", "50", "--layers", "4", "--activation", "tanh",
            "--optimizer", "gd", "--lr", "1.2", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = box.Run("summary", "--model", model);
        Assert.Contains("layers [2, 4, 1]", summary.Out);
        Assert.Contains("17 parameters", summary.Out);
    }

    [Fact]
    public void A_planar_model_evaluates_and_predicts_on_a_csv_of_its_two_features_and_label()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("planar.bp");
        Assert.Equal(0, box.Run("train", "--out", model, "--epochs", "3", "--quiet").ExitCode);
        var data = box.Write("points.csv", "x1,x2,y\n0.5,1.5,1\n-2,0.25,0\n3,-1,1\n");
        var evaluate = box.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        using (var json = JsonDocument.Parse(evaluate.Out)) Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0, 1);
        var predict = box.Run("predict", "--model", model, "--data", data);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Equal(4, predict.Out.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void Train_tells_the_user_it_used_the_planar_default_and_which_columns_it_imputed()
    {
        using var box = new CliSandbox();
        var planar = box.Run("train", "--out", box.PathOf("p.bp"), "--epochs", "2");
        Assert.Contains("planar", planar.Out + planar.Err, StringComparison.OrdinalIgnoreCase);
        var data = box.Write("small.csv", CliTables.Binary());
        var table = box.Run("train", "--data", data, "--target", "y", "--out", box.PathOf("m.bp"), "--epochs", "2");
        Assert.Contains("imputed x1", table.Out + table.Err);
    }

    /// <summary>train --quiet, evaluate --json, predict to stdout and to --out, summary; returns predict's stdout lines.</summary>
    private static string[] RoundTrip(CliSandbox box, string csv, string target, string[] metrics, string header)
    {
        var data = box.Write("small.csv", csv);
        var model = box.PathOf("m.bp");
        var train = box.Run("train", "--data", data, "--target", target, "--out", model, "--epochs", "5", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Equal("", train.Err);
        Assert.True(File.Exists(model));
        Assert.Contains(Path.GetFullPath(model), train.Out);

        var evaluate = box.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Single(evaluate.Out.TrimEnd().Split('\n'));
        using (var json = JsonDocument.Parse(evaluate.Out))
        {
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            foreach (var name in metrics)
            {
                Assert.True(json.RootElement.TryGetProperty(name, out var value), $"no '{name}' in {evaluate.Out}");
                Assert.True(double.IsFinite(value.GetDouble()), $"{name} = {value}");
            }
        }
        var text = box.Run("evaluate", "--model", model, "--data", data);
        Assert.True(text.ExitCode == 0, text.ToString());
        foreach (var name in metrics) Assert.Contains(name, text.Out);

        var predict = box.Run("predict", "--model", model, "--data", data);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var lines = predict.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(header, lines[0]);
        Assert.Equal(CliTables.Rows + 1, lines.Length);
        Assert.Equal(Enumerable.Range(1, CliTables.Rows).Select(i => i.ToString()), lines.Skip(1).Select(l => l.Split(',')[0]));

        var preds = box.PathOf("preds.csv");
        var toFile = box.Run("predict", "--model", model, "--data", data, "--out", preds);
        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        Assert.Equal("", toFile.Out);
        Assert.Equal(predict.Out, File.ReadAllText(preds));

        var summary = box.Run("summary", "--model", model);
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.Contains("W1 (", summary.Out);
        Assert.Contains("b1 (", summary.Out);
        var dims = LayerDims(summary.Out);
        int parameters = Enumerable.Range(1, dims.Length - 1).Sum(l => dims[l] * dims[l - 1] + dims[l]);
        Assert.Contains($"{parameters:N0} parameters", summary.Out);
        Assert.Contains(target, summary.Out);
        return lines;
    }

    private static int[] LayerDims(string summary)
    {
        int start = summary.IndexOf("layers [", StringComparison.Ordinal) + "layers [".Length;
        int end = summary.IndexOf(']', start);
        return summary[start..end].Split(", ").Select(int.Parse).ToArray();
    }
}
