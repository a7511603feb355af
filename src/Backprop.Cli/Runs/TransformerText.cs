using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Output;
using Backprop.Defaults;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;
using Backprop.Training.Callbacks;
using Gpt = Backprop.Defaults.TrainingDefaults.Text.Transformer;

namespace Backprop.Cli.Runs;

/// <summary><c>train --task text --model transformer</c>: a GPT on characters or on GPT-2 tokens (--tokenizer) (<see cref="CharacterModel.Transformer{T}"/>, sized by
/// <see cref="TrainingDefaults.Text.Transformer"/>, dropout 0.1) on overlapping windows of its context
/// (<see cref="TrainingDefaults.Text.Transformer.WindowStride"/>) from the first 90 % of the tokens; the last 10 %, in
/// non-overlapping windows, gives the validation loss each epoch, and early stopping keeps the best epoch's weights. The optimiser is AdamW (peak α
/// = --lr) under a linear warm-up over 5 % of the steps and a cosine decay to α/10, with gradients clipped to global norm
/// 1: θ ← θ·(1 − α_t·λ) − α_t·Adam(clip(g)).</summary>
public static class TransformerText
{
    public static RunOutcome Execute(TrainSettings s, ResolvedInput input, TextWriter stdout, TextWriter stderr)
    {
        s.RequireOnly(TextRun.HonouredByTransformer, "a text run with --model transformer (AdamW, a fixed size)", input.Path);
        var path = input.Path ?? throw CliException.Usage("--task text needs --data: a text file to learn from.");
        RunFiles.CheckOutputFolder(s.Out);
        if (s.CostPlotPath is not null) RunFiles.CheckOutputFolder(s.CostPlotPath);
        var text = TextInput.Load(path, s.Tokenizer);
        int held = (int)(text.Ids.Length * Gpt.ValidationFraction);
        if (held < 2 || text.Ids.Length - held < 2)
            throw CliException.BadInput($"--data '{path}': {text.Ids.Length} {text.Tokenizer.Unit} are too few to hold out {Gpt.ValidationFraction:P0} for validation.");
        int stride = Gpt.WindowStride(text.Ids.Length - held, text.Tokenizer.VocabularySize);
        var (x, y) = text.Windows<float>(Gpt.Context, ..^held, stride);
        var (xv, yv) = text.Windows<float>(Gpt.Context, ^held..);
        int batch = s.BatchSize ?? TrainingDefaults.Text.BatchSize;
        int epochs = s.Epochs ?? Gpt.Epochs(x.Dim(0), batch);
        int stepsPerEpoch = (x.Dim(0) + batch - 1) / batch, steps = epochs * stepsPerEpoch;
        double lr = s.LearningRate ?? Gpt.LearningRate;
        var init = s.Initializer ?? Initializers.Initializer.Xavier;
        int patience = s.Given.Contains("--early-stopping") ? s.EarlyStopping : Gpt.Patience;

        var model = CharacterModel.Transformer<float>(text.Tokenizer.VocabularySize, Gpt.Context, Gpt.Width, Gpt.Heads, Gpt.Blocks, Gpt.Dropout, s.Seed);
        model.Initialize(init, new NumpyRandom(s.Seed));
        var schedule = new WarmupCosineDecay(lr, Gpt.WarmupSteps(steps), steps + 1);
        var optimizer = new ScheduledOptimizer(new ClipByGlobalNorm(new AdamW(lr, Gpt.WeightDecay), Gpt.ClipNorm), schedule, stepsPerEpoch: 1);
        var early = patience > 0 ? new EarlyStopping(patience) : null;
        var options = TrainingOptions.MiniBatch(epochs, batch, new NumpyRandom(s.Seed + 1)) with { Callbacks = early is null ? [] : [early] };
        var history = Interruptible.Run(cancel => new TrainingDisplay(s.Mode, stderr).Run($"training a {TextRun.Level(text)} GPT", progress =>
            model.Fit(x, y, Loss.SoftmaxCrossEntropy, optimizer,
                options with { Cancellation = cancel, Callbacks = progress is null ? options.Callbacks : [.. options.Callbacks, progress] }, xv, yv)));

        var outcome = RunOutcome.Of(history);
        double first = history.Epochs.Count > 0 ? history.Epochs[0].Cost : double.NaN, last = history.Epochs.Count > 0 ? history.Epochs[^1].Cost : double.NaN;
        double? validation = early is { BestEpoch: >= 0 } ? early.BestCost : history.Epochs.Count > 0 ? history.Epochs[^1].ValidationCost : null;
        var metadata = new Dictionary<string, string>(TextRun.Metadata(text, path))
        {
            ["training"] = JsonSerializer.Serialize(new
            {
                model = TextRun.ModelName(text, "gpt"), tokenizer = text.Tokenizer.Name, optimizer = "adamw", learning_rate = lr, weight_decay = Gpt.WeightDecay, schedule = schedule.ToString(),
                clip_norm = Gpt.ClipNorm, initializer = init.Name, loss = Loss.SoftmaxCrossEntropy.Name, epochs = history.Epochs.Count, batch_size = batch,
                context = Gpt.Context, blocks = Gpt.Blocks, width = Gpt.Width, heads = Gpt.Heads, dropout = Gpt.Dropout, window_stride = stride,
                validation_fraction = Gpt.ValidationFraction,
                early_stopping = patience, seed = s.Seed, steps = history.StepsCompleted,
            }),
            ["metrics"] = JsonSerializer.Serialize(new { first_epoch_loss = first, final_loss = last, validation_loss = validation }, ReportJson.Options),
        };
        var written = RunFiles.Save(s, outcome, model, metadata, stderr);
        IReadOnlyList<string> plots = outcome.End == RunEnd.Diverged || s.CostPlotPath is not { } plot ? []
            : Plotting.CostCurve(plot, history, $"Loss of the {TextRun.Level(text)} GPT ({Gpt.Blocks} blocks of {Gpt.Width})");
        TextRun.Print(s, stdout, text, path,
            $"a {TextRun.Level(text)} GPT ({text.Tokenizer.VocabularySize} {text.Tokenizer.Unit}, {Gpt.Blocks} blocks of width {Gpt.Width}, {Gpt.Heads} heads, context {Gpt.Context})",
            (first, last, history.Epochs.Count), validation, outcome, written, plots, model);
        return outcome;
    }
}
