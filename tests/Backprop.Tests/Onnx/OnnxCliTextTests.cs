using Backprop.Cli.Inputs;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Onnx;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Xunit.Abstractions;

namespace Backprop.Tests.Onnx;

/// <summary><c>backprop export</c> of the text models <c>backprop train --task text</c> makes: the GPT (on characters or
/// GPT-2 tokens) and the character LSTM take int64 token ids [batch, time] of any length up to the context and give, in ONNX Runtime, the
/// probabilities and the logits of our own forward pass to 1e-5, at the full context and at a shorter length; imported
/// back (<c>backprop import</c>), they generate the same text as the original.</summary>
public class OnnxCliTextTests(ITestOutputHelper output)
{
    private static readonly string Text = string.Join("\n", Enumerable.Repeat("anna\nbob\ncarla\ndavid\nemma\nfrank\ngreta\nhans", 10));

    [Theory]
    [InlineData("transformer", "char")]
    [InlineData("transformer", "gpt2")]
    [InlineData("lstm", "char")]
    public void A_trained_text_model_exported_runs_in_OnnxRuntime_like_our_forward_pass(string architecture, string tokenizer)
    {
        using var box = new CliSandbox();
        var data = box.Write("names.txt", Text);
        var (model, onnx) = (box.PathOf("m.bp"), box.PathOf("m.onnx"));
        var train = box.Run("train", "--data", data, "--task", "text", "--model", architecture, "--tokenizer", tokenizer, "--epochs", "2", "--no-plot", "--quiet", "--out", model);
        Assert.True(train.ExitCode == 0, train.ToString());
        var export = box.Run("export", "--model", model, "--onnx", onnx);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("input 'tokens' int64 [batch, time] → output 'probabilities' [batch, time, ", export.Out);

        var loaded = ModelFile.Load<float>(model);
        var network = (Sequential<float>)loaded.Model;
        var tokens = TextInput.TokenizerOf(loaded.Metadata, model)!;
        int context = CharacterModel.ContextOf(network) ?? 64;
        var bytes = File.ReadAllBytes(onnx);
        var logits = OnnxExport.ToBytes(WithLinearOutput(network), new OnnxExportOptions { VariableLength = true, InputShape = [context] });
        double worst = 0;
        foreach (int steps in new[] { context, 17 })
        {
            var ids = Ids(tokens.Encode(Text), steps, rows: 2);
            foreach (var (file, module) in new[] { (bytes, (Module<float>)network), (logits, WithLinearOutput(network)) })
            {
                var (ours, theirs) = (module.PredictValues(ids), OnnxRuntimeRunner.Run(file, ids));
                Assert.Equal([2, steps, tokens.VocabularySize], theirs.Shape.ToArray());
                double difference = OnnxRuntimeRunner.MaxDifference(theirs, ours);
                Assert.True(difference <= 1e-5, $"T = {steps}: difference {difference:G3}");
                worst = Math.Max(worst, OnnxRuntimeRunner.MaxAbsolute(theirs, ours));
            }
        }
        output.WriteLine($"{architecture} ({tokenizer}): max |ONNX Runtime − Backprop| over probabilities and logits: {worst:G3}");

        var back = box.PathOf("back.bp");
        var import = box.Run("import", "--onnx", onnx, "--out", back);
        Assert.True(import.ExitCode == 0, import.ToString());
        string[] sample = ["--count", "3", "--seed", "4", "--length", "30"];
        var original = box.Run(["generate", "--model", model, .. sample]);
        var imported = box.Run(["generate", "--model", back, .. sample]);
        Assert.True(original.ExitCode == 0 && imported.ExitCode == 0, original + "\n" + imported);
        Assert.Equal(original.Out, imported.Out);
    }

    /// <summary>The same layers (the same parameter tensors) with the output layer's softmax left out: its logits.</summary>
    private static Sequential<float> WithLinearOutput(Sequential<float> network)
    {
        var output = (Dense<float>)network.Layers[^1];
        var linear = new Dense<float>(output.InputSize, output.OutputSize);
        output.Weight.Value.AsReadOnlySpan().CopyTo(linear.Weight.Value.AsSpan());
        output.Bias.Value.AsReadOnlySpan().CopyTo(linear.Bias.Value.AsSpan());
        var model = new Sequential<float>([.. network.Layers.Take(network.Layers.Count - 1), linear]);
        model.Eval();
        return model;
    }

    /// <summary><paramref name="rows"/> sequences of <paramref name="steps"/> of the text's token ids (every third, cycling).</summary>
    private static Tensor<float> Ids(int[] text, int steps, int rows)
    {
        var ids = Tensor<float>.Zeros(rows, steps);
        var s = ids.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = text[(i * 3) % text.Length];
        return ids;
    }
}
