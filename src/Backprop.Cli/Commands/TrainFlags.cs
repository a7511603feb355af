using System.CommandLine;
using Backprop.Cli.Output;
using Backprop.Cli.Runs;
using Backprop.Data.Tokens;
using Backprop.Defaults;
using Backprop.Models;
using Backprop.Optimizers;

namespace Backprop.Cli.Commands;

/// <summary>Reads and validates the flags of <c>backprop train</c> into a <see cref="TrainSettings"/>; every out-of-range
/// value is a usage error (exit code 2) naming its flag. Which flags a run can honour is the run's business.</summary>
internal static class TrainFlags
{
    public static TrainSettings Read(ParseResult p, TrainOptions o)
    {
        int? iterations = p.GetValue(o.Iterations), epochs = p.GetValue(o.Epochs), batch = p.GetValue(o.BatchSize);
        if (iterations is not null && epochs is not null) throw CliException.Usage("--iterations (full batch) and --epochs (mini-batches) exclude each other; give one.");
        if (iterations is <= 0) throw CliException.Usage($"--iterations must be at least 1; got {iterations}.");
        if (epochs is <= 0) throw CliException.Usage($"--epochs must be at least 1; got {epochs}.");
        if (batch is <= 0) throw CliException.Usage($"--batch-size must be at least 1; got {batch}.");
        if (iterations is not null && batch is not null) throw CliException.Usage("--batch-size applies to --epochs; --iterations trains on the full batch.");
        var lr = p.GetValue(o.LearningRate);
        if (lr is not null && !(lr > 0 && double.IsFinite(lr.Value))) throw CliException.Usage($"--lr must be a positive number; got {lr}.");
        double l2 = p.GetValue(o.L2) ?? 0, test = p.GetValue(o.TestSplit) ?? TrainingDefaults.TestSplit, validation = p.GetValue(o.ValidationSplit) ?? TrainingDefaults.ValidationSplit;
        if (!(l2 >= 0 && double.IsFinite(l2))) throw CliException.Usage($"--l2 must be ≥ 0; got {l2}.");
        if (!(test >= 0 && test < 1)) throw CliException.Usage($"--test-split must be in [0, 1); got {test}.");
        if (!(validation >= 0 && validation < 1)) throw CliException.Usage($"--validation-split must be in [0, 1); got {validation}.");
        int patience = p.GetValue(o.EarlyStopping) ?? TrainingDefaults.EarlyStoppingPatience;
        if (patience < 0) throw CliException.Usage($"--early-stopping must be ≥ 0 epochs; got {patience}.");
        int seed = p.GetValue(o.Seed) ?? TrainingDefaults.Seed;
        if (seed < 0) throw CliException.Usage($"--seed must be ≥ 0; got {seed}.");
        var optimizer = p.GetValue(o.Optimizer)?.Trim().ToLowerInvariant();
        if (optimizer is not null && !Backprop.Optimizers.Optimizer.Names.Contains(optimizer == "sgd" ? "gd" : optimizer))
            throw CliException.Usage($"--optimizer '{optimizer}' is not known; use {string.Join(", ", Backprop.Optimizers.Optimizer.Names)}.");
        var architecture = p.GetValue(o.Architecture)?.Trim().ToLowerInvariant();
        if (architecture is not (null or NetworkPlan.Mlp or NetworkPlan.Cnn or TextRun.Lstm or TextRun.Transformer))
            throw CliException.Usage($"--model '{architecture}' is not an architecture; use mlp or cnn, or lstm or transformer for text (the file to write is --out).");
        if (architecture == NetworkPlan.Cnn && p.GetResult(o.Layers) is not null)
            throw CliException.Usage("--layers sizes the dense layers of an MLP; leave it out with --model cnn.");
        var tokenizer = p.GetValue(o.Tokenizer)?.Trim().ToLowerInvariant();
        if (tokenizer is not null && !Tokenization.Names.Contains(tokenizer))
            throw CliException.Usage($"--tokenizer '{tokenizer}' is not a tokenizer; use {string.Join(" or ", Tokenization.Names)}.");
        var augment = p.GetValue(o.Augment)?.Trim().ToLowerInvariant();
        if (augment is not null && !TrainingDefaults.Augment.Levels.Contains(augment))
            throw CliException.Usage($"--augment '{augment}' is not a level; use {string.Join(", ", TrainingDefaults.Augment.Levels)}.");
        int checkpointEvery = p.GetValue(o.CheckpointEvery) ?? 0;
        if (checkpointEvery < 0) throw CliException.Usage($"--checkpoint-every must be ≥ 0; got {checkpointEvery}.");
        var @out = p.GetValue(o.Out) ?? "model.bp";
        if (p.GetValue(o.NoPlot) && p.GetValue(o.Plot) is not null) throw CliException.Usage("--plot and --no-plot exclude each other; give one.");
        if (string.IsNullOrWhiteSpace(@out)) throw CliException.Usage("--out needs a file name.");
        var task = p.GetValue(o.Task)?.Trim();
        bool text = string.Equals(task, TextRun.Task, StringComparison.OrdinalIgnoreCase);
        return new TrainSettings
        {
            DataPath = p.GetValue(o.Data),
            Target = p.GetValue(o.Target),
            Task = task is null || text ? null : ParseTask(task),
            TextTask = text,
            Architecture = architecture,
            Tokenizer = tokenizer,
            Augment = augment,
            Hidden = p.GetResult(o.Layers) is null ? null : p.GetValue(o.Layers),
            HiddenActivation = p.GetValue(o.Activation) is { } activation ? Parse(() => Backprop.Ops.Activations.Activation.Parse(activation), "--activation") : null,
            Initializer = p.GetValue(o.Init) is { } init ? Parse(() => Backprop.Initializers.Initializer.Parse(init), "--init") : null,
            Optimizer = optimizer,
            LearningRate = lr,
            Iterations = iterations,
            Epochs = epochs,
            BatchSize = batch,
            L2 = l2,
            Seed = (uint)seed,
            TestSplit = test,
            ValidationSplit = validation,
            EarlyStopping = patience,
            DropMissing = p.GetValue(o.DropMissing),
            ImageSize = p.GetValue(o.ImageSize) is { } side
                ? side is >= TrainingDefaults.MinImageSide and <= 4096 ? side : throw CliException.Usage($"--image-size {side}: the side must be {TrainingDefaults.MinImageSide} to 4096 pixels.")
                : null,
            SkipBadImages = p.GetValue(o.SkipBadImages),
            Keep = p.GetValue(o.Keep) ?? [],
            Categorical = p.GetValue(o.Categorical) ?? [],
            Strict = p.GetValue(o.Strict),
            CheckpointEvery = checkpointEvery,
            Resume = p.GetValue(o.Resume),
            Out = @out,
            Plot = p.GetValue(o.Plot),
            NoPlot = p.GetValue(o.NoPlot),
            XKey = p.GetValue(o.XKey),
            YKey = p.GetValue(o.YKey),
            Distributed = p.GetValue(o.Distributed),
            Mode = p.GetValue(o.Json) ? OutputMode.Json : p.GetValue(o.Quiet) ? OutputMode.Quiet : OutputMode.Human,
            Given = o.All.Where(option => p.GetResult(option) is { Implicit: false }).Select(option => option.Name).ToHashSet(),
        };
    }

    private static T Parse<T>(Func<T> parse, string flag)
    {
        try { return parse(); }
        catch (ArgumentException e) { throw CliException.Usage($"{flag}: {e.Message}"); }
    }

    private static ModelTask ParseTask(string text)
    {
        try { return ModelTask.Parse(text); }
        catch (ArgumentException) { throw CliException.Usage($"--task '{text}' is not a task; use binary, multiclass, regression or text."); }
    }
}
