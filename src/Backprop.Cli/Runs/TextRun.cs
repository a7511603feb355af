using System.Globalization;
using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Output;
using Backprop.Data.Tokens;
using Backprop.Defaults;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.Cli.Runs;

/// <summary>A text run (<c>--task text</c>, a <c>.txt</c> file, or the dinosaur names), with the same display, Ctrl-C,
/// divergence and output rules as every run, on the tokens of <c>--tokenizer</c> (characters by default, or GPT-2's on the
/// compact vocabulary of the ids the text uses); saved with the tokenizer and its vocabulary for <c>backprop generate</c>
/// and <c>predict</c>. Two models, whose "characters" below are tokens with <c>--tokenizer gpt2</c>:
/// <list type="bullet">
/// <item><c>--model lstm</c> (the default, the course's): ids → Embedding 32 → LSTM H → Dense V softmax at every step
/// (H = 128 or --layers), windows of 64 characters, J = mean over positions of −log P(next character);</item>
/// <item><c>--model transformer</c>: a character GPT (<see cref="TransformerText"/>), windows of its context, AdamW with
/// warm-up and cosine decay, gradients clipped by global norm, the text's tail held out for the validation loss and
/// early stopping.</item>
/// </list></summary>
public static class TextRun
{
    public const string Task = "text";

    /// <summary>The text architectures of <c>--model</c>.</summary>
    public const string Lstm = "lstm", Transformer = "transformer";

    /// <summary>The flags a text run honours; any other given flag is a usage error.</summary>
    public static IReadOnlySet<string> Honoured { get; } = new HashSet<string>
    {
        "--data", "--task", "--model", "--tokenizer", "--layers", "--init", "--optimizer", "--lr", "--epochs", "--batch-size", "--l2", "--seed", "--strict",
        "--out", "--plot", "--no-plot", "--quiet", "--json",
    };

    /// <summary>The flags a transformer text run honours (its size is fixed by TrainingDefaults.Text.Transformer; its
    /// optimiser is AdamW).</summary>
    public static IReadOnlySet<string> HonouredByTransformer { get; } = new HashSet<string>
    {
        "--data", "--task", "--model", "--tokenizer", "--init", "--lr", "--epochs", "--batch-size", "--seed", "--strict",
        "--out", "--plot", "--no-plot", "--quiet", "--json", "--early-stopping",
    };

    public static RunOutcome Execute(TrainSettings s, ResolvedInput input, TextWriter stdout, TextWriter stderr)
    {
        if (s.Architecture is not (null or Lstm or Transformer))
            throw CliException.Usage($"--model {s.Architecture}: a text run takes --model lstm or transformer.");
        if (s.Architecture == Transformer) return TransformerText.Execute(s, input, stdout, stderr);
        s.RequireOnly(Honoured, "a text run (a character LSTM)", input.Path);
        var path = input.Path ?? throw CliException.Usage("--task text needs --data: a text file to learn from.");
        if (s.Hidden is { Length: > 1 }) throw CliException.Usage($"--layers: a text run has one LSTM layer; give one size, not {s.Hidden.Length}.");
        RunFiles.CheckOutputFolder(s.Out);
        if (s.CostPlotPath is not null) RunFiles.CheckOutputFolder(s.CostPlotPath);
        var text = TextInput.Load(path, s.Tokenizer);
        int hidden = s.Hidden?[0] ?? TrainingDefaults.Text.HiddenSize;
        int batch = s.BatchSize ?? TrainingDefaults.Text.BatchSize;
        var optimizerName = s.Optimizer ?? TrainingDefaults.Optimizer;
        double lr = s.LearningRate ?? TrainingDefaults.Text.LearningRate;
        var init = s.Initializer ?? Initializers.Initializer.Xavier;
        var (x, y) = text.Windows<float>(TrainingDefaults.Text.Window, ..);
        int epochs = s.Epochs ?? TrainingDefaults.Text.Epochs(x.Dim(0), batch);

        var model = CharacterModel.Lstm<float>(text.Tokenizer.VocabularySize, TrainingDefaults.Text.EmbeddingSize, hidden);
        model.Initialize(init, new NumpyRandom(s.Seed));
        IOptimizer optimizer = Optimizer.Parse(optimizerName, lr);
        if (s.L2 > 0) optimizer = L2Regularization.FromCourse(optimizer, s.L2, x.Dim(0));
        var options = TrainingOptions.MiniBatch(epochs, batch, new NumpyRandom(s.Seed + 1));
        var history = Interruptible.Run(cancel => new TrainingDisplay(s.Mode, stderr).Run("training text", progress =>
            model.Fit(x, y, Loss.SoftmaxCrossEntropy, optimizer, options with { Cancellation = cancel, Callbacks = progress is null ? [] : [progress] })));

        var outcome = RunOutcome.Of(history);
        double first = history.Epochs.Count > 0 ? history.Epochs[0].Cost : double.NaN, last = history.Epochs.Count > 0 ? history.Epochs[^1].Cost : double.NaN;
        var metadata = new Dictionary<string, string>(Metadata(text, path))
        {
            ["training"] = JsonSerializer.Serialize(new
            {
                model = ModelName(text, "lstm"), tokenizer = text.Tokenizer.Name, optimizer = optimizerName, learning_rate = lr, initializer = init.Name, loss = Loss.SoftmaxCrossEntropy.Name,
                epochs = history.Epochs.Count, batch_size = batch, window = TrainingDefaults.Text.Window, hidden, embedding = TrainingDefaults.Text.EmbeddingSize,
                l2 = s.L2, seed = s.Seed, steps = history.StepsCompleted,
            }),
            ["metrics"] = JsonSerializer.Serialize(new { first_epoch_loss = first, final_loss = last }, ReportJson.Options),
        };
        var written = RunFiles.Save(s, outcome, model, metadata, stderr);
        IReadOnlyList<string> plots = outcome.End == RunEnd.Diverged || s.CostPlotPath is not { } plot ? [] : Plotting.CostCurve(plot, history, $"Loss of the {Level(text)} LSTM ({hidden} units)");
        Print(s, stdout, text, path, $"a {Level(text)} LSTM ({text.Tokenizer.VocabularySize} {text.Tokenizer.Unit}, {hidden} hidden units)", (first, last, history.Epochs.Count),
            null, outcome, written, plots, model);
        return outcome;
    }

    /// <summary>The result for people (the losses, three samples, the files) or one JSON object; <paramref name="validation"/>
    /// is the best held-out loss when the run had one.</summary>
    /// <summary>What every text model file carries besides its training settings and metrics: the task, the tokenizer and
    /// its vocabulary (which generate and predict decode with), and the source file's name.</summary>
    internal static IReadOnlyDictionary<string, string> Metadata(TokenText text, string path) => new Dictionary<string, string>
    {
        ["task"] = Task,
        [TextInput.TokenizerKey] = text.Tokenizer.Name,
        [TextInput.VocabularyKey] = text.Tokenizer.VocabularyJson,
        ["source"] = Path.GetFileName(path),
    };

    /// <summary>"character" for a character model, "token" for one on a tokenizer's tokens (GPT-2's).</summary>
    internal static string Level(TokenText text) => text.Tokenizer is CharTokenizer ? "character" : "token";

    /// <summary>The stored model name: character-lstm, character-gpt, or gpt2-token-lstm, gpt2-token-gpt.</summary>
    internal static string ModelName(TokenText text, string architecture) =>
        text.Tokenizer is CharTokenizer ? $"character-{architecture}" : $"{text.Tokenizer.Name}-token-{architecture}";

    internal static void Print(TrainSettings s, TextWriter stdout, TokenText text, string path, string trained,
        (double First, double Last, int Epochs) loss, double? validation, RunOutcome outcome, string written, IReadOnlyList<string> plots, Sequential<float> model)
    {
        var (first, last, epochs) = loss;
        if (s.Mode == OutputMode.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                model = Path.GetFullPath(written), task = Task, tokenizer = text.Tokenizer.Name, characters = text.Tokenizer is CharTokenizer ? text.Tokenizer.VocabularySize : (int?)null,
                tokens = text.Tokenizer.VocabularySize, first_loss = first, final_loss = last,
                validation_loss = validation, epochs, stopped = outcome.Reason, plots,
            }, ReportJson.Options));
            return;
        }
        string held = validation is { } v ? string.Create(CultureInfo.InvariantCulture, $", validation loss {v:F3}") : "";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {trained} on {Path.GetFileName(path)}: loss {first:F3} → {last:F3} in {epochs} epochs{held}."));
        if (outcome.End == RunEnd.Interrupted) stdout.WriteLine("Stopped early: interrupted; the model so far was kept.");
        if (s.Mode == OutputMode.Human && outcome.End != RunEnd.Diverged)
        {
            var random = new NumpyRandom(s.Seed);
            int? line = text.Tokenizer.IdOf("\n");
            for (int i = 0; i < 3; i++)
                stdout.WriteLine("  sample: " + text.Tokenizer.Decode(TokenModel.Sample(model, text.Tokenizer.VocabularySize, random, line ?? text.Ids[0], line, 80, TextSampling.Plain)));
        }
        stdout.WriteLine($"Wrote {written}. Sample from it: backprop generate --model {written}");
        foreach (var plot in plots) stdout.WriteLine($"Plot written to {Path.GetFullPath(plot)}");
    }
}
