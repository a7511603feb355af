using System.Text.Json;

namespace Backprop.Tests.Cli;

/// <summary>One path for every run: a text run takes the same flags, defaults and exit codes as a network run, a flag a
/// run cannot honour is a usage error (exit 2), a flag value is read exactly or refused, and summary shows the settings
/// the run really used.</summary>
public sealed class CliRunRulesTests
{
    private static readonly string Names = string.Join("\n", Enumerable.Repeat("anna\nbob\ncarla\ndavid", 10));

    [Fact]
    public void A_txt_file_trains_a_character_model_without_task_text()
    {
        using var box = new CliSandbox();
        var result = box.Run("train", "--data", box.Write("names.txt", Names), "--epochs", "2", "--layers", "8", "--out", box.PathOf("n.bp"), "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Trained a character LSTM", result.Out);
    }

    [Theory]
    [InlineData("--validation-split", "0.2")]
    [InlineData("--early-stopping", "5")]
    [InlineData("--activation", "relu")]
    [InlineData("--test-split", "0.3")]
    [InlineData("--checkpoint-every", "1")]
    [InlineData("--target", "name")]
    [InlineData("--keep", "x")]
    [InlineData("--model", "mlp")]
    public void A_flag_a_text_run_cannot_honour_is_a_usage_error(string flag, string value)
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        box.Plant("n.bp");
        box.Fails(2, ["train", "--data", data, "--task", "text", flag, value, "--epochs", "1", "--out", box.PathOf("n.bp")], flag, "text run");
    }

    [Fact]
    public void A_text_run_refuses_a_bad_learning_rate_with_exit_code_2_like_any_run()
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        box.Fails(2, ["train", "--data", data, "--task", "text", "--lr", "-1", "--out", box.PathOf("n.bp")], "--lr");
    }

    [Fact]
    public void A_text_run_with_two_layer_sizes_is_refused_not_cut_to_the_first()
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        box.Fails(2, ["train", "--data", data, "--task", "text", "--layers", "16,8", "--out", box.PathOf("n.bp")], "--layers", "one size");
    }

    [Fact]
    public void A_text_run_that_diverges_exits_1_and_keeps_its_last_finite_parameters_beside_out()
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        var result = box.Run("train", "--data", data, "--task", "text", "--optimizer", "gd", "--lr", "1e38", "--epochs", "3", "--layers", "8", "--out", box.PathOf("n.bp"), "--quiet");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.False(File.Exists(box.PathOf("n.bp")));
        Assert.True(File.Exists(box.PathOf("n.diverged.bp")));
    }

    [Theory]
    [InlineData("--layers", "20,,5", "empty element")]
    [InlineData("--layers", "20,7x", "'7x'")]
    [InlineData("--lr", "0,01", "not a number")]
    [InlineData("--lr", "0.01abc", "not a number")]
    [InlineData("--batch-size", "5e1", "not a whole number")]
    [InlineData("--keep", "id,,name", "empty element")]
    public void A_flag_value_that_does_not_parse_exactly_is_a_usage_error(string flag, string value, string mention)
    {
        using var box = new CliSandbox();
        var data = box.Write("t.csv", "id,x,y\n1,0.5,0\n2,0.7,1\n3,0.1,0\n4,0.9,1\n");
        box.Plant("m.bp");
        var args = new[] { "train", "--data", data, "--target", "y", flag, value, "--out", box.PathOf("m.bp"), "--epochs", "1", "--quiet" };
        box.Fails(2, args, flag, mention);
    }

    [Fact]
    public void A_flag_that_a_table_run_cannot_honour_is_a_usage_error()
    {
        using var box = new CliSandbox();
        var data = box.Write("t.csv", "x,y\n0.5,0\n0.7,1\n0.1,0\n0.9,1\n");
        box.Fails(2, ["train", "--data", data, "--target", "y", "--x-key", "train_set_x", "--out", box.PathOf("m.bp")], "--x-key", "csv");
    }

    [Fact]
    public void Early_stopping_flags_with_full_batch_iterations_are_refused_not_ignored()
    {
        using var box = new CliSandbox();
        box.Fails(2, ["train", "--iterations", "5", "--early-stopping", "3", "--out", box.PathOf("m.bp")], "--early-stopping", "--iterations");
        box.Fails(2, ["train", "--iterations", "5", "--validation-split", "0.2", "--out", box.PathOf("m.bp")], "--validation-split", "--iterations");
    }

    [Fact]
    public void Summary_shows_the_hidden_activation_and_initialiser_the_run_really_used()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--iterations", "3", "--activation", "relu", "--out", model, "--quiet", "--no-plot").ExitCode);
        using var json = JsonDocument.Parse(box.Run("summary", "--model", model, "--json").Out);
        var training = json.RootElement.GetProperty("metadata").GetProperty("training");
        Assert.Equal("relu", training.GetProperty("hidden_activation").GetString());
        Assert.Equal("he", training.GetProperty("initializer").GetString());
        Assert.Equal("mlp", training.GetProperty("model").GetString());
    }
}
