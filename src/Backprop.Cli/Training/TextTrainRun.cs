using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Backprop.Cli.Commands;
using Backprop.Data;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.Cli.Training;

/// <summary><c>backprop train --data names.txt --task text</c>: a character-level LSTM (ids → Embedding 32 → LSTM H →
/// Dense V softmax over every step, H = 128 or the first --layers size) trained with Adam on windows of 64 characters,
/// loss = mean over positions of −log P(next character); saved with its vocabulary for <c>backprop generate</c>.</summary>
internal static class TextTrainRun
{
    public const string Task = "text";
    private const int Window = 64, Embedding = 32;

    /// <summary>Whether --task asks for a text model.</summary>
    public static bool Requested(string? task) => string.Equals(task?.Trim(), Task, StringComparison.OrdinalIgnoreCase);

    public static int Execute(ParseResult p, TrainOptions o, TextWriter stdout)
    {
        var path = p.GetValue(o.Data) ?? throw CliException.Usage("--task text needs --data: a text file to learn from.");
        if (!File.Exists(path)) throw CliException.BadInput($"--data '{path}': no such file.");
        var @out = p.GetValue(o.Out)!;
        var folder = Path.GetDirectoryName(Path.GetFullPath(@out));
        if (folder is not null && !Directory.Exists(folder)) throw CliException.BadInput($"cannot write '{@out}': folder '{folder}' does not exist.");
        CharacterText text;
        try { text = new CharacterText(File.ReadAllText(path)); }
        catch (ArgumentException e) { throw CliException.BadInput($"--data '{path}': {e.Message}"); }
        if (text.Vocabulary.Length > 512) throw CliException.BadInput($"--data '{path}': {text.Vocabulary.Length} distinct characters; a character model takes at most 512 (is it a text file?).");
        int hidden = p.GetValue(o.Layers) is { } layers ? NetworkPlan.ParseLayers(layers)[0] : 128;
        int batch = p.GetValue(o.BatchSize) ?? 32;
        if (batch < 1) throw CliException.Usage($"--batch-size must be ≥ 1; got {batch}.");
        double lr = p.GetValue(o.LearningRate) ?? 0.005;
        var seed = (uint)p.GetValue(o.Seed);
        var (x, y) = text.Windows<float>(Window);
        int stepsPerEpoch = (x.Dim(0) + batch - 1) / batch;
        int epochs = p.GetValue(o.Epochs) ?? Math.Clamp(1500 / stepsPerEpoch, 1, 60);
        if (epochs < 1) throw CliException.Usage($"--epochs must be ≥ 1; got {epochs}.");
        bool human = !p.GetValue(o.Quiet) && !p.GetValue(o.Json);

        var model = CharacterModel.Lstm<float>(text.Vocabulary.Length, Embedding, hidden);
        model.Initialize(Backprop.Initializers.Initializer.Xavier, new NumpyRandom(seed));
        var logger = new EpochLogger(human ? stdout : TextWriter.Null, epochs);
        var history = model.Fit(x, y, Loss.SoftmaxCrossEntropy, new Adam(lr),
            TrainingOptions.MiniBatch(epochs, batch, new NumpyRandom(seed + 1)) with { Callbacks = [logger] });
        double first = history.Epochs[0].Cost, last = history.Epochs[^1].Cost;
        var metadata = new Dictionary<string, string>
        {
            ["task"] = Task,
            ["vocabulary"] = JsonSerializer.Serialize(text.Vocabulary),
            ["source"] = Path.GetFileName(path),
            ["training"] = JsonSerializer.Serialize(new { optimizer = "adam", learning_rate = lr, epochs, batch_size = batch, window = Window, hidden, embedding = Embedding, seed }),
            ["metrics"] = JsonSerializer.Serialize(new { first_epoch_loss = first, final_loss = last }),
        };
        ModelFile.Save(@out, model, metadata);
        if (p.GetValue(o.Json))
            stdout.WriteLine(JsonSerializer.Serialize(new { model = @out, task = Task, characters = text.Vocabulary.Length, first_loss = first, final_loss = last, epochs }));
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained a character LSTM ({text.Vocabulary.Length} characters, {hidden} hidden units) on {Path.GetFileName(path)}: loss {first:F3} → {last:F3} in {history.Epochs.Count} epochs."));
            if (human)
            {
                var random = new NumpyRandom(seed);
                bool lines = text.Vocabulary.Contains('\n');
                for (int i = 0; i < 3; i++)
                    stdout.WriteLine("  sample: " + CharacterModel.Sample(model, text.Vocabulary, random, lines ? '\n' : text.Text[0], lines ? '\n' : null, 80));
            }
            stdout.WriteLine($"Wrote {@out}. Sample from it: backprop generate --model {@out}");
        }
        return 0;
    }

    /// <summary>Prints "epoch k/N  loss J" at the end of each epoch.</summary>
    private sealed class EpochLogger(TextWriter output, int epochs) : ITrainingCallback
    {
        public void OnEpochEnd(TrainingContext context, EpochResult result) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {result.Epoch + 1}/{epochs}  loss {result.Cost:F4}"));
    }
}
