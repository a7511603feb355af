using Backprop.Cli.Output;
using System.CommandLine;
using Backprop.Cli.Inputs;
using Backprop.Cli.Runs;
using Backprop.Models;
using Backprop.Randomness;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop generate --model m.bp [--count N] [--seed S] [--temperature τ] [--top-k K]</c>: text sampled from a
/// text model written by <c>backprop train --task text</c> (the LSTM or the GPT), one token (a character, or a GPT-2 token
/// with --tokenizer gpt2) at a time, each drawn from P(next | so far), reshaped by τ and top-k (<see cref="TextSampling"/>),
/// with NumPy's <c>random.choice</c>, and decoded by the model's stored tokenizer. For a text of lines (names: "\n" is one
/// token of the vocabulary) each sample is one line; otherwise --length tokens after a start token drawn uniformly.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A text model written by backprop train --task text.", Required = true };
        var count = new Option<int>("--count") { Description = "How many samples (lines) to print.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed for the random draws (the same seed gives the same text).", DefaultValueFactory = _ => 0 };
        var length = new Option<int>("--length") { Description = "Most tokens per sample: characters, or GPT-2 tokens for a model trained with --tokenizer gpt2.", DefaultValueFactory = _ => 100 };
        var temperature = new Option<double?>("--temperature") { Description = "τ > 0: p ∝ p^(1/τ); below 1 sharper, above 1 flatter (default 1: the model's own P).", CustomParser = Backprop.Cli.Flags.FlagValues.Number };
        var topK = new Option<int>("--top-k") { Description = "Draw only from the K most likely tokens (default 0: all).", DefaultValueFactory = _ => 0 };
        var command = new Command("generate", "Sample text from a text model (backprop train --data names.txt --task text [--tokenizer gpt2]), decoded by the tokenizer stored in it.") { model, count, seed, length, temperature, topK };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            int n = parse.GetValue(count), max = parse.GetValue(length), s = parse.GetValue(seed);
            if (n < 1) throw CliException.Usage($"--count must be ≥ 1; got {n}.");
            if (max < 1) throw CliException.Usage($"--length must be ≥ 1; got {max}.");
            if (s < 0) throw CliException.Usage($"--seed must be ≥ 0; got {s}.");
            double tau = parse.GetValue(temperature) ?? 1;
            if (!(tau > 0) || !double.IsFinite(tau)) throw CliException.Usage($"--temperature must be a number > 0; got {tau}.");
            int k = parse.GetValue(topK);
            if (k < 0) throw CliException.Usage($"--top-k must be ≥ 0 (0: every character); got {k}.");
            var rule = new TextSampling(tau, k);
            if (!File.Exists(path)) throw CliException.BadInput($"--model '{path}': no such file.");
            var loaded = ModelFile.Load<float>(path);
            if (!loaded.Metadata.TryGetValue("task", out var task) || task != TextRun.Task || TextInput.TokenizerOf(loaded.Metadata, path) is not { } tokenizer
                || loaded.Model is not Sequential<float> network)
                throw CliException.BadInput($"--model '{path}' is not a text model; train one with backprop train --data FILE --task text.");
            int v = tokenizer.VocabularySize;
            int? line = tokenizer.IdOf("\n");
            var random = new NumpyRandom((uint)s);
            var o = parse.InvocationConfiguration.Output;
            for (int i = 0; i < n; i++)
                o.WriteLine(tokenizer.Decode(TokenModel.Sample(network, v, random, line ?? random.Choice(Uniform(v)), line, max, rule)));
            return 0;
        });
        return command;
    }

    private static double[] Uniform(int n) => Enumerable.Repeat(1.0 / n, n).ToArray();
}
