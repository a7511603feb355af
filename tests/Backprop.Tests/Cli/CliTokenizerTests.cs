using System.Text.Json;
using Backprop.Data.Tokens;
using Backprop.Layers;
using Backprop.Models;

namespace Backprop.Tests.Cli;

/// <summary><c>train --task text --tokenizer char|gpt2</c>: GPT-2 tokens on a compact vocabulary stored in the model
/// file, which generate, predict and summary read back; the character default as it was; --tokenizer refused where it
/// does not apply.</summary>
public sealed class CliTokenizerTests
{
    private static readonly string[] Words = "the cat sat on a mat and the dog ran to the park while birds sang in tall green trees".Split(' ');

    /// <summary>About 4 KB of sentences of <see cref="Words"/>, one a line: a few dozen distinct GPT-2 tokens.</summary>
    private static readonly string Corpus = string.Join("\n", Enumerable.Range(0, 120).Select(i =>
        string.Join(' ', Enumerable.Range(0, 4 + i % 6).Select(k => Words[(i * 7 + k * 5 + k * k) % Words.Length])) + ".")) + "\n";

    private static readonly string Names = CliTextModelTests.Names;

    [Fact]
    public void Gpt2_tokens_train_a_transformer_whose_file_keeps_the_compact_vocabulary_that_generate_decodes_with()
    {
        using var box = new CliSandbox();
        var data = box.Write("corpus.txt", Corpus);
        var model = box.PathOf("gpt.bp");
        var train = box.Run("train", "--data", data, "--task", "text", "--model", "transformer", "--tokenizer", "gpt2", "--epochs", "1", "--no-plot", "--out", model);
        Assert.True(train.ExitCode == 0, train.ToString());
        var kept = Gpt2Tokenizer.EncodeFull(Corpus).Distinct().Order().ToArray();
        Assert.InRange(kept.Length, 10, 200);
        Assert.Contains($"Trained a token GPT ({kept.Length} GPT-2 tokens, 4 blocks of width 128, 4 heads, context 128) on corpus.txt", train.Out);

        var metadata = ModelFile.ReadMetadata(model).Metadata;
        Assert.Equal("gpt2", metadata["tokenizer"]);
        Assert.Equal(kept, JsonSerializer.Deserialize<int[]>(metadata["vocabulary"]));
        var network = (Sequential<float>)ModelFile.Load<float>(model).Model;
        Assert.Equal(kept.Length, ((Embedding<float>)network.Layers[0]).VocabularySize);
        Assert.Equal(kept.Length, network.OutputSize);

        var first = box.Run("generate", "--model", model, "--count", "3", "--seed", "4", "--length", "12");
        var again = box.Run("generate", "--model", model, "--count", "3", "--seed", "4", "--length", "12");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Out, again.Out);
        var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        // Decoded through the stored ids: GPT-2's ids 0…V−1 themselves would be punctuation ("!", "\"", "#", …) the corpus lacks.
        Assert.All(lines, line => Assert.All(line, c => Assert.Contains(c, Corpus)));

        var summary = box.Run("summary", "--model", model);
        Assert.Contains($"tokenizer: gpt2, {kept.Length} GPT-2 tokens of its 50,257", summary.Out);
        Assert.Matches($@"embedding\s+tokens {kept.Length}, width 128", summary.Out);
    }

    [Fact]
    public void Predict_decodes_the_next_gpt2_token_and_names_a_token_outside_the_vocabulary_in_one_line()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        var train = box.Run("train", "--data", box.Write("corpus.txt", Corpus), "--task", "text", "--tokenizer", "gpt2", "--epochs", "1", "--layers", "8",
            "--no-plot", "--json", "--out", model);
        Assert.True(train.ExitCode == 0, train.ToString());
        var report = JsonDocument.Parse(train.Out).RootElement;
        Assert.Equal("gpt2", report.GetProperty("tokenizer").GetString());
        Assert.Equal(Gpt2Tokenizer.EncodeFull(Corpus).Distinct().Count(), report.GetProperty("tokens").GetInt32());
        var predict = box.Run("predict", "--model", model, "--data", box.Write("start.txt", "the cat sat"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Matches("^row,text,next,probability\n1,\"the cat sat\",\"[^\"]+\",[0-9.Ee-]+\n$", predict.Out);
        var next = predict.Out.Split('"')[3].Replace("\\n", "\n");
        Assert.Single(new Gpt2Tokenizer(JsonSerializer.Deserialize<int[]>(ModelFile.ReadMetadata(model).Metadata["vocabulary"])!).Encode(next));
        box.Fails(1, ["predict", "--model", model, "--data", box.Write("zebra.txt", "the cat\nthe zebra")],
            "zebra.txt', line 2", "GPT-2 token", "is not among the model's");
        var generate = box.Run("generate", "--model", model, "--count", "2", "--length", "8");
        Assert.True(generate.ExitCode == 0, generate.ToString());
    }

    [Fact]
    public void Tokenizer_on_a_table_or_the_planar_data_is_a_one_line_usage_error()
    {
        using var box = new CliSandbox();
        var csv = box.Write("t.csv", "a,y\n1,0\n2,1\n3,0\n4,1\n");
        box.Fails(2, ["train", "--data", csv, "--target", "y", "--tokenizer", "gpt2"], "--tokenizer does not apply to csv data");
        box.Fails(2, ["train", "--data", csv, "--target", "y", "--tokenizer", "char"], "--tokenizer does not apply");
        box.Fails(2, ["train", "--tokenizer", "gpt2", "--iterations", "5"], "--tokenizer does not apply");
        box.Fails(2, ["train", "--data", box.Write("names.txt", Names), "--task", "text", "--tokenizer", "bpe"], "--tokenizer 'bpe'", "char or gpt2");
        var help = box.Run("train", "--help");
        Assert.Contains("--tokenizer", help.Out);
        Assert.Contains("one-line error", help.Out);
    }

    [Fact]
    public void Characters_stay_the_default_and_an_explicit_char_writes_the_same_model()
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Names);
        var (plain, chars) = (box.PathOf("plain.bp"), box.PathOf("chars.bp"));
        var train = box.Run("train", "--data", data, "--task", "text", "--epochs", "2", "--layers", "16", "--no-plot", "--out", plain);
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("Trained a character LSTM (19 characters, 16 hidden units) on names.txt", train.Out);
        Assert.Equal(0, box.Run("train", "--data", data, "--task", "text", "--tokenizer", "char", "--epochs", "2", "--layers", "16", "--no-plot", "--quiet", "--out", chars).ExitCode);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(chars));
        var metadata = ModelFile.ReadMetadata(plain).Metadata;
        Assert.Equal("char", metadata["tokenizer"]);
        Assert.Equal("\"\\nabcdefghiklmnorstv\"", metadata["vocabulary"]);
        Assert.Contains("tokenizer: char, 19 characters", box.Run("summary", "--model", plain).Out);
    }

    [Fact]
    public void A_character_model_saved_before_tokenizers_had_names_generates_as_before()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("new.bp");
        Assert.Equal(0, box.Run("train", "--data", box.Write("names.txt", Names), "--task", "text", "--epochs", "2", "--layers", "8", "--no-plot", "--quiet", "--out", model).ExitCode);
        var loaded = ModelFile.Load<float>(model);
        var old = box.PathOf("old.bp");
        ModelFile.Save(old, loaded.Model, loaded.Metadata.Where(p => p.Key is not ("tokenizer" or "format" or "version" or "architecture" or "dtype")).ToDictionary());
        Assert.DoesNotContain("tokenizer", ModelFile.ReadMetadata(old).Metadata.Keys);
        var expected = box.Run("generate", "--model", model, "--count", "5", "--seed", "3");
        var actual = box.Run("generate", "--model", old, "--count", "5", "--seed", "3");
        Assert.True(actual.ExitCode == 0, actual.ToString());
        Assert.Equal(expected.Out, actual.Out);
        Assert.Contains("tokenizer: char, 19 characters", box.Run("summary", "--model", old).Out);
    }
}
