namespace Backprop.Tests.Cli;

/// <summary><c>train --task text</c> → <c>generate</c> → <c>predict</c> → <c>summary</c> on a small list of names, and the
/// dinosaur assignment's first printed lines.</summary>
public sealed class CliTextModelTests
{
    /// <summary>Eight names, twelve times, one a line: 19 distinct characters with '\n'.</summary>
    internal static readonly string Names = string.Join("\n", Enumerable.Repeat("anna\nbob\ncarla\ndavid\nemma\nfrank\ngreta\nhans", 12));

    [Fact]
    public void A_text_file_trains_a_character_lstm_that_generates_the_same_lines_for_the_same_seed()
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        var model = box.PathOf("names.bp");
        var train = box.Run("train", "--data", data, "--task", "text", "--epochs", "25", "--layers", "32", "--out", model);
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("Trained a character LSTM", train.Out);
        var first = box.Run("generate", "--model", model, "--count", "4", "--seed", "5");
        var again = box.Run("generate", "--model", model, "--count", "4", "--seed", "5");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Out, again.Out);
        var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.All(l, c => Assert.InRange(c, 'a', 'z')));
        var summary = box.Run("summary", "--model", model);
        Assert.Matches(@"lstm\s+inputs 32, units 32, output sequences", summary.Out);
        var predict = box.Run("predict", "--model", model, "--data", box.Write("start.txt", "ann"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.StartsWith("row,text,next,probability\n1,\"ann\",", predict.Out);
    }

    [Fact]
    public void Generate_on_a_model_that_is_not_a_text_model_says_so_in_one_line()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("flower.bp");
        Assert.Equal(0, box.Run("train", "--iterations", "5", "--quiet", "--out", model).ExitCode);
        var result = box.Run("generate", "--model", model);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"backprop: --model '{model}' is not a text model; train one with backprop train --data FILE --task text.", result.Err.Trim());
    }

    [Fact]
    public void Evaluate_on_a_text_model_says_which_commands_serve_it()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("names.bp");
        Assert.Equal(0, box.Run("train", "--data", box.Write("names.txt", Names), "--epochs", "1", "--layers", "8", "--out", model, "--quiet").ExitCode);
        box.Fails(2, ["evaluate", "--model", model, "--data", box.PathOf("names.txt")], "text model", "predict", "generate");
    }
}

/// <summary><c>train --task text --model transformer</c>: a character GPT with a held-out validation loss, sampled with
/// temperature and top-k, and the usage errors of the text models' flags.</summary>
public sealed class CliTransformerTextTests
{
    private static readonly string Names = string.Join("\n", Enumerable.Repeat("anna\nbob\ncarla\ndavid\nemma\nfrank\ngreta\nhans", 12));

    [Fact]
    public void A_transformer_trains_with_a_validation_loss_and_samples_the_same_lines_for_the_same_seed()
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        var model = box.PathOf("gpt.bp");
        var train = box.Run("train", "--data", data, "--task", "text", "--model", "transformer", "--epochs", "1", "--no-plot", "--out", model);
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Matches(@"Trained a character GPT \(\d+ characters, 4 blocks of width 128, 4 heads, context 128\) on names\.txt: loss [\d.]+ → [\d.]+ in 1 epochs, validation loss [\d.]+\.", train.Out);
        var first = box.Run("generate", "--model", model, "--count", "3", "--seed", "2", "--temperature", "0.7", "--top-k", "5", "--length", "20");
        var again = box.Run("generate", "--model", model, "--count", "3", "--seed", "2", "--temperature", "0.7", "--top-k", "5", "--length", "20");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Out, again.Out);
        var summary = box.Run("summary", "--model", model);
        Assert.Matches(@"transformerblock\s+width 128, heads 4, hidden 512", summary.Out);
        Assert.Matches(@"positionalembedding\s+positions 128, width 128", summary.Out);
        var predict = box.Run("predict", "--model", model, "--data", box.Write("start.txt", "ann\n" + new string('a', 300)));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.StartsWith("row,text,next,probability\n1,\"ann\",", predict.Out);
    }

    [Fact]
    public void Flags_a_text_model_cannot_honour_are_usage_errors()
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        box.Fails(2, ["train", "--data", data, "--task", "text", "--model", "transformer", "--layers", "64"], "--layers");
        box.Fails(2, ["train", "--data", data, "--task", "text", "--model", "cnn"], "--model cnn", "lstm or transformer");
        box.Fails(2, ["train", "--data", data, "--task", "text", "--model", "gpt"], "--model 'gpt'");
        var csv = box.Write("t.csv", "a,y\n1,0\n2,1\n3,0\n4,1\n");
        box.Fails(2, ["train", "--data", csv, "--target", "y", "--model", "transformer"], "--model transformer is a text model");
        var lstm = box.PathOf("lstm.bp");
        Assert.Equal(0, box.Run("train", "--data", data, "--task", "text", "--epochs", "1", "--layers", "8", "--out", lstm, "--quiet").ExitCode);
        box.Fails(2, ["generate", "--model", lstm, "--temperature", "0"], "--temperature");
        box.Fails(2, ["generate", "--model", lstm, "--top-k", "-1"], "--top-k");
    }
}
