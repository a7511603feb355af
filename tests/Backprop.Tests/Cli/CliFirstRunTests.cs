using System.Globalization;
using System.Text.Json;

namespace Backprop.Tests.Cli;

/// <summary>What a new user meets: the default run's accuracy and plots, columns left out with a note, columns named
/// when evaluate or predict gets other ones, and summary tables.</summary>
public sealed class CliFirstRunTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public void Train_with_no_flags_reaches_089_test_accuracy_on_the_flower_and_writes_both_plots_beside_the_model()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("model.bp");
        var result = box.Run("train", "--out", model, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        double accuracy = json.RootElement.GetProperty("test").GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.89, $"test accuracy {accuracy}");
        foreach (var plot in new[] { "model-cost.png", "model-boundary.png" })
            Assert.Equal(PngSignature, File.ReadAllBytes(box.PathOf(plot))[..4]);
        Assert.Equal([box.PathOf("model-cost.png"), box.PathOf("model-boundary.png")],
            json.RootElement.GetProperty("plots").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void No_plot_writes_only_the_model()
    {
        using var box = new CliSandbox();
        var result = box.Run("train", "--out", box.PathOf("m.bp"), "--epochs", "2", "--no-plot", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["m.bp"], Directory.GetFiles(box.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Plot_and_no_plot_together_are_a_usage_error() =>
        new CliSandbox().Fails(2, ["train", "--plot", "c.png", "--no-plot"], "--plot", "--no-plot");

    private static string Passengers(CliSandbox box, bool withExtra = false)
    {
        var header = "id,name,fare,class,survived" + (withExtra ? ",cabin" : "");
        var rows = Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i + 1},Name {i},{10 + (i % 7) * 3.5},{(i % 3 == 0 ? "first" : i % 3 == 1 ? "second" : "third")},{(i % 3 == 0 ? 1 : 0)}{(withExtra ? $",C{i}" : "")}"));
        return box.Write(withExtra ? "more.csv" : "people.csv", header + "\n" + string.Join('\n', rows) + "\n");
    }

    [Fact]
    public void Train_leaves_out_an_id_and_free_text_with_a_note_naming_each_and_keep_brings_one_back()
    {
        using var box = new CliSandbox();
        var data = Passengers(box);
        var result = box.Run("train", "--data", data, "--target", "survived", "--out", box.PathOf("m.bp"), "--epochs", "2", "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("left out 'id' (unique identifier), 'name' (unique identifier); --keep id,name uses them anyway", result.Err);
        Assert.Contains("layers [4,", box.Run("summary", "--model", box.PathOf("m.bp")).Out); // fare + class one-hot (3)

        var kept = box.Run("train", "--data", data, "--target", "survived", "--out", box.PathOf("k.bp"), "--epochs", "2", "--no-plot", "--keep", "id");
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Contains("left out 'name' (unique identifier)", kept.Err);
        Assert.Contains("layers [5,", box.Run("summary", "--model", box.PathOf("k.bp")).Out);
    }

    [Fact]
    public void Evaluate_notes_the_columns_it_ignores_in_one_line()
    {
        using var box = new CliSandbox();
        Assert.Equal(0, box.Run("train", "--data", Passengers(box), "--target", "survived", "--out", box.PathOf("m.bp"), "--epochs", "2", "--no-plot", "--quiet").ExitCode);
        var result = box.Run("evaluate", "--model", box.PathOf("m.bp"), "--data", Passengers(box, withExtra: true));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("note: more.csv: ignoring 1 column the model did not train on: 'cabin'", result.Err.TrimEnd());
    }

    [Fact]
    public void Predict_fails_naming_every_column_the_model_needs_and_the_data_lacks()
    {
        using var box = new CliSandbox();
        Assert.Equal(0, box.Run("train", "--data", Passengers(box), "--target", "survived", "--out", box.PathOf("m.bp"), "--epochs", "2", "--no-plot", "--quiet").ExitCode);
        var data = box.Write("few.csv", "id,name\n1,a\n");
        box.Fails(1, ["predict", "--model", box.PathOf("m.bp"), "--data", data], "few.csv", "lacks 2 columns", "'fare', 'class'");
    }

    [Fact]
    public void Summary_shows_columns_settings_and_metrics_as_tables_and_json_keeps_the_machine_form()
    {
        using var box = new CliSandbox();
        Assert.Equal(0, box.Run("train", "--data", Passengers(box), "--target", "survived", "--out", box.PathOf("m.bp"), "--epochs", "2", "--no-plot", "--quiet").ExitCode);
        var human = box.Run("summary", "--model", box.PathOf("m.bp"));
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.DoesNotContain("{", human.Out);
        foreach (var word in new[] { "fare", "number", "(x − ", "class", "one-hot", "optimizer", "adam", "accuracy", "left out: id (unique identifier)" })
            Assert.Contains(word, human.Out);
        var machine = box.Run("summary", "--model", box.PathOf("m.bp"), "--json");
        using var json = JsonDocument.Parse(machine.Out);
        Assert.Equal("adam", json.RootElement.GetProperty("metadata").GetProperty("training").GetProperty("optimizer").GetString());
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("metadata").GetProperty("preprocessing").ValueKind);
    }
}
