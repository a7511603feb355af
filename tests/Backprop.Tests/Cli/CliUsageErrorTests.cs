namespace Backprop.Tests.Cli;

/// <summary>Bad flags: exit code 2, one "backprop:" line naming the flag, no stack trace, and nothing written — a planted
/// m.bp stays byte for byte as it was.</summary>
public sealed class CliUsageErrorTests
{
    /// <summary>train on a valid table with <paramref name="flags"/> added; must fail with exit 2 naming <paramref name="mentions"/>.</summary>
    private static string TrainFails(string[] flags, params string[] mentions)
    {
        using var box = new CliSandbox();
        var data = box.Write("small.csv", CliTables.Binary());
        box.Plant("m.bp");
        return box.Fails(2, ["train", "--data", data, "--target", "y", "--out", box.PathOf("m.bp"), "--quiet", .. flags], mentions);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void A_learning_rate_that_is_not_positive_and_finite_is_refused(string lr) => TrainFails(["--lr", lr, "--epochs", "3"], "--lr");

    [Fact]
    public void A_learning_rate_that_is_not_a_number_is_refused() => TrainFails(["--lr", "fast", "--epochs", "3"], "fast");

    [Fact]
    public void A_batch_size_of_zero_is_refused() => TrainFails(["--batch-size", "0", "--epochs", "3"], "--batch-size");

    [Fact]
    public void A_negative_batch_size_is_refused() => TrainFails(["--batch-size", "-4", "--epochs", "3"], "--batch-size");

    [Fact]
    public void Zero_epochs_are_refused() => TrainFails(["--epochs", "0"], "--epochs");

    [Fact]
    public void A_fractional_number_of_epochs_is_refused() => TrainFails(["--epochs", "2.5"], "2.5");

    [Fact]
    public void Zero_iterations_are_refused() => TrainFails(["--iterations", "0"], "--iterations");

    [Fact]
    public void Iterations_and_epochs_together_are_refused() => TrainFails(["--iterations", "5", "--epochs", "5"], "--iterations", "--epochs");

    [Fact]
    public void A_batch_size_with_full_batch_iterations_is_refused() => TrainFails(["--iterations", "5", "--batch-size", "8"], "--batch-size");

    [Fact]
    public void A_layer_of_zero_units_is_refused() => TrainFails(["--layers", "0", "--epochs", "3"], "--layers", "'0'");

    [Fact]
    public void A_layer_size_that_is_not_a_number_is_refused() => TrainFails(["--layers", "3,x", "--epochs", "3"], "--layers", "'x'");

    [Fact]
    public void An_empty_layer_list_is_refused() => TrainFails(["--layers", ",", "--epochs", "3"], "--layers");

    [Theory]
    [InlineData("1.5")]
    [InlineData("1")]
    [InlineData("-0.1")]
    public void A_test_split_outside_zero_to_one_is_refused(string split) => TrainFails(["--test-split", split, "--epochs", "3"], "--test-split");

    [Fact]
    public void A_validation_split_of_one_is_refused() => TrainFails(["--validation-split", "1", "--epochs", "3"], "--validation-split");

    [Fact]
    public void A_negative_l2_is_refused() => TrainFails(["--l2", "-1", "--epochs", "3"], "--l2");

    [Fact]
    public void A_negative_seed_is_refused() => TrainFails(["--seed", "-1", "--epochs", "3"], "--seed");

    [Fact]
    public void A_negative_early_stopping_patience_is_refused() => TrainFails(["--early-stopping", "-1", "--epochs", "3"], "--early-stopping");

    [Fact]
    public void An_unknown_optimizer_is_refused_with_the_ones_there_are() => TrainFails(["--optimizer", "foo", "--epochs", "3"], "--optimizer", "foo", "adam");

    [Fact]
    public void An_unknown_activation_is_refused_with_the_ones_there_are() => TrainFails(["--activation", "foo", "--epochs", "3"], "--activation", "foo", "relu");

    [Fact]
    public void An_unknown_initializer_is_refused() => TrainFails(["--init", "foo", "--epochs", "3"], "--init", "foo");

    [Fact]
    public void An_unknown_task_is_refused() => TrainFails(["--task", "foo", "--epochs", "3"], "--task", "foo");

    [Fact]
    public void An_unknown_flag_is_refused() => TrainFails(["--epochs", "3", "--frobnicate"], "--frobnicate");

    [Fact]
    public void A_flag_missing_its_value_is_refused() => TrainFails(["--epochs"], "--epochs");

    [Fact]
    public void An_empty_model_path_is_refused() => TrainFails(["--out", "", "--epochs", "3"], "--out");

    [Fact]
    public void A_csv_without_a_target_is_refused_naming_the_target_flag()
    {
        using var box = new CliSandbox();
        var data = box.Write("small.csv", CliTables.Binary());
        box.Plant("m.bp");
        box.Fails(2, ["train", "--data", data, "--out", box.PathOf("m.bp"), "--epochs", "3", "--quiet"], "--target");
    }

    [Fact]
    public void An_unknown_command_is_refused()
    {
        using var box = new CliSandbox();
        box.Fails(2, ["frobnicate"], "frobnicate");
    }

    [Fact]
    public void Evaluate_without_a_model_is_refused_naming_the_flag()
    {
        using var box = new CliSandbox();
        box.Fails(2, ["evaluate", "--data", box.Write("small.csv", CliTables.Binary())], "--model");
    }

    [Fact]
    public void Evaluate_without_data_is_refused_naming_the_flag()
    {
        using var box = new CliSandbox();
        box.Fails(2, ["evaluate", "--model", box.Plant("m.bp")], "--data");
    }

    [Fact]
    public void Summary_without_a_model_is_refused_naming_the_flag()
    {
        using var box = new CliSandbox();
        box.Fails(2, ["summary"], "--model");
    }

    [Fact]
    public void Predict_with_neither_data_nor_images_is_refused()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--out", model, "--epochs", "2", "--quiet").ExitCode);
        box.Fails(2, ["predict", "--model", model], "--data", "--image");
    }

    [Fact]
    public void Predict_with_both_data_and_images_is_refused()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--out", model, "--epochs", "2", "--quiet").ExitCode);
        var data = box.Write("points.csv", "x1,x2,y\n1,2,0\n");
        box.Fails(2, ["predict", "--model", model, "--data", data, "--image", box.Write("a.png", "x")], "--data", "--image");
    }

    [Fact]
    public void An_unknown_course_assignment_is_refused_with_the_ones_there_are()
    {
        using var box = new CliSandbox();
        box.Fails(2, ["course", "deep-dream"], "deep-dream", "planar");
    }

    [Fact]
    public void The_course_command_needs_an_assignment()
    {
        using var box = new CliSandbox();
        box.Fails(2, ["course"], "course");
    }
}
