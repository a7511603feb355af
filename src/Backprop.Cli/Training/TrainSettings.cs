using Backprop.Models;
using System.CommandLine;
using Backprop.Cli.Commands;
using Backprop.Cli.Output;
using Backprop.Initializers;
using Backprop.Ops.Activations;

namespace Backprop.Cli.Training;

/// <summary>Validated flags of one training run; every out-of-range value is a usage error (exit code 2) naming its flag.</summary>
public sealed record TrainSettings
{
    public string? DataPath { get; init; }
    public string? Target { get; init; }
    public ModelTask? Task { get; init; }
    public int[]? Hidden { get; init; }
    /// <summary>"mlp", "cnn", or null: cnn for image inputs unless --layers sizes an MLP.</summary>
    public string? Architecture { get; init; }
    public IActivation HiddenActivation { get; init; } = Activation.Tanh;
    public IInitializer? Initializer { get; init; }
    public string Optimizer { get; init; } = "adam";
    public double? LearningRate { get; init; }
    public int? Iterations { get; init; }
    /// <summary>Null: enough epochs for about 12000 steps (10 to 1000), early stopping decides the rest.</summary>
    public int? Epochs { get; init; }
    public int BatchSize { get; init; } = 64;
    public double L2 { get; init; }
    public uint Seed { get; init; } = 1;
    public double TestSplit { get; init; } = 0.2;
    public double ValidationSplit { get; init; } = 0.1;
    public int EarlyStopping { get; init; } = 100;
    public bool DropMissing { get; init; }
    /// <summary>Columns kept although the column screen would leave them out.</summary>
    public string[] Keep { get; init; } = [];
    public int CheckpointEvery { get; init; }
    public string? Resume { get; init; }
    public string Out { get; init; } = "model.bp";

    /// <summary>Where checkpoints go: beside --out, as NAME.checkpoint.bp.</summary>
    public string CheckpointPath => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Out))!, Path.GetFileNameWithoutExtension(Out) + ".checkpoint.bp");
    /// <summary>Where a diverged run keeps its last finite parameters: beside --out, as NAME.diverged.bp.</summary>
    public string DivergedPath => Beside(Out, ".diverged.bp");
    public string? Plot { get; init; }
    public bool NoPlot { get; init; }

    /// <summary>The cost curve's file: --plot, else OUT-cost.png beside the model; null with --no-plot.</summary>
    public string? CostPlotPath => NoPlot ? null : Plot ?? Beside(Out, "-cost.png");

    /// <summary>The decision boundary's file: PLOT-boundary.png beside --plot, else OUT-boundary.png beside the model.</summary>
    public string? BoundaryPlotPath => NoPlot ? null : Beside(Plot ?? Out, "-boundary.png");

    private static string Beside(string path, string suffix) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + suffix);
    public string? XKey { get; init; }
    public string? YKey { get; init; }
    public OutputMode Mode { get; init; } = OutputMode.Human;

    internal static TrainSettings From(ParseResult p, TrainOptions o)
    {
        int? iterations = p.GetValue(o.Iterations), epochs = p.GetValue(o.Epochs), batch = p.GetValue(o.BatchSize);
        if (iterations is not null && epochs is not null) throw CliException.Usage("--iterations (full batch) and --epochs (mini-batches) exclude each other; give one.");
        if (iterations is <= 0) throw CliException.Usage($"--iterations must be at least 1; got {iterations}.");
        if (epochs is <= 0) throw CliException.Usage($"--epochs must be at least 1; got {epochs}.");
        if (batch is <= 0) throw CliException.Usage($"--batch-size must be at least 1; got {batch}.");
        if (iterations is not null && batch is not null) throw CliException.Usage("--batch-size applies to --epochs; --iterations trains on the full batch.");
        var lr = p.GetValue(o.LearningRate);
        if (lr is not null && !(lr > 0 && double.IsFinite(lr.Value))) throw CliException.Usage($"--lr must be a positive number; got {lr}.");
        double l2 = p.GetValue(o.L2), test = p.GetValue(o.TestSplit), validation = p.GetValue(o.ValidationSplit);
        if (!(l2 >= 0 && double.IsFinite(l2))) throw CliException.Usage($"--l2 must be ≥ 0; got {l2}.");
        if (!(test >= 0 && test < 1)) throw CliException.Usage($"--test-split must be in [0, 1); got {test}.");
        if (!(validation >= 0 && validation < 1)) throw CliException.Usage($"--validation-split must be in [0, 1); got {validation}.");
        int patience = p.GetValue(o.EarlyStopping);
        if (patience < 0) throw CliException.Usage($"--early-stopping must be ≥ 0 epochs; got {patience}.");
        int seed = p.GetValue(o.Seed);
        if (seed < 0) throw CliException.Usage($"--seed must be ≥ 0; got {seed}.");
        var optimizer = p.GetValue(o.Optimizer)!.Trim().ToLowerInvariant();
        if (optimizer is not ("gd" or "sgd" or "momentum" or "rmsprop" or "adam"))
            throw CliException.Usage($"--optimizer '{optimizer}' is not known; use gd, momentum, rmsprop or adam.");
        var data = p.GetValue(o.Data);
        var target = p.GetValue(o.Target);
        if (data is not null && DataSources.IsTable(data) && string.IsNullOrWhiteSpace(target))
            throw CliException.Usage("--target is required with a CSV file: name the column to predict.");
        var architecture = p.GetValue(o.Architecture)?.Trim().ToLowerInvariant();
        if (architecture is not (null or "mlp" or "cnn"))
            throw CliException.Usage($"--model '{architecture}' is not an architecture; use mlp or cnn (the file to write is --out).");
        if (architecture == "cnn" && p.GetValue(o.Layers) is not null)
            throw CliException.Usage("--layers sizes the dense layers of an MLP; leave it out with --model cnn.");
        int checkpointEvery = p.GetValue(o.CheckpointEvery);
        if (checkpointEvery < 0) throw CliException.Usage($"--checkpoint-every must be ≥ 0; got {checkpointEvery}.");
        var @out = p.GetValue(o.Out)!;
        if (p.GetValue(o.NoPlot) && p.GetValue(o.Plot) is not null) throw CliException.Usage("--plot and --no-plot exclude each other; give one.");
        if (string.IsNullOrWhiteSpace(@out)) throw CliException.Usage("--out needs a file name.");
        return new TrainSettings
        {
            DataPath = data,
            Target = target,
            Task = p.GetValue(o.Task) is { } t ? ParseTask(t) : null,
            Architecture = architecture,
            Hidden = p.GetValue(o.Layers) is { } layers ? NetworkPlan.ParseLayers(layers) : null,
            HiddenActivation = Parse(() => Activation.Parse(p.GetValue(o.Activation)!), "--activation"),
            Initializer = p.GetValue(o.Init) is { } init ? Parse(() => Backprop.Initializers.Initializer.Parse(init), "--init") : null,
            Optimizer = optimizer,
            LearningRate = lr,
            Iterations = iterations,
            Epochs = epochs,
            BatchSize = batch ?? 64,
            L2 = l2,
            Seed = (uint)seed,
            TestSplit = test,
            ValidationSplit = validation,
            EarlyStopping = patience,
            DropMissing = p.GetValue(o.DropMissing),
            Keep = (p.GetValue(o.Keep) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray(),
            CheckpointEvery = checkpointEvery,
            Resume = p.GetValue(o.Resume),
            Out = @out,
            Plot = p.GetValue(o.Plot),
            NoPlot = p.GetValue(o.NoPlot),
            XKey = p.GetValue(o.XKey),
            YKey = p.GetValue(o.YKey),
            Mode = p.GetValue(o.Json) ? OutputMode.Json : p.GetValue(o.Quiet) ? OutputMode.Quiet : OutputMode.Human,
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
