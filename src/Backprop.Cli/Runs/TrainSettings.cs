using Backprop.Cli.Output;
using Backprop.Defaults;
using Backprop.Initializers;
using Backprop.Models;
using Backprop.Ops.Activations;

namespace Backprop.Cli.Runs;

/// <summary>The validated flags of one <c>backprop train</c>, typed. A null value means "the run's default", which the run
/// takes from <see cref="TrainingDefaults"/> (so that, for instance, a CNN gets ReLU and He while a table gets tanh and
/// Xavier). <see cref="Given"/> names the flags the user typed, so that a run can refuse one it cannot honour.</summary>
public sealed record TrainSettings
{
    public string? DataPath { get; init; }
    public string? Target { get; init; }
    /// <summary>binary, multiclass or regression; null: inferred from the target.</summary>
    public ModelTask? Task { get; init; }
    /// <summary>--task text: a character model, whatever the file's name.</summary>
    public bool TextTask { get; init; }
    /// <summary>"mlp", "cnn", or null: cnn for image inputs unless --layers sizes an MLP.</summary>
    public string? Architecture { get; init; }
    /// <summary>--tokenizer: "char", "gpt2", or null: <see cref="TrainingDefaults.Text.Tokenizer"/>.</summary>
    public string? Tokenizer { get; init; }
    /// <summary>--augment: "none", "light", "full", or null: the input kind's default for the CNN, none for an MLP.</summary>
    public string? Augment { get; init; }
    public int[]? Hidden { get; init; }
    public IActivation? HiddenActivation { get; init; }
    public IInitializer? Initializer { get; init; }
    public string? Optimizer { get; init; }
    public double? LearningRate { get; init; }
    public int? Iterations { get; init; }
    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public double L2 { get; init; }
    public uint Seed { get; init; } = TrainingDefaults.Seed;
    public double TestSplit { get; init; } = TrainingDefaults.TestSplit;
    public double ValidationSplit { get; init; } = TrainingDefaults.ValidationSplit;
    public int EarlyStopping { get; init; } = TrainingDefaults.EarlyStoppingPatience;
    public bool DropMissing { get; init; }
    /// <summary>--image-size: the side a folder's images are resized to (null: from the data).</summary>
    public int? ImageSize { get; init; }
    /// <summary>--skip-bad-images: unreadable image files are noted and left out instead of failing the run.</summary>
    public bool SkipBadImages { get; init; }
    /// <summary>Columns kept although the column screen would leave them out.</summary>
    public string[] Keep { get; init; } = [];
    /// <summary>Columns read as categories although their cells look like numbers.</summary>
    public string[] Categorical { get; init; } = [];
    /// <summary>--strict: every column left out or reinterpreted is an error instead of a note.</summary>
    public bool Strict { get; init; }
    public int CheckpointEvery { get; init; }
    public string? Resume { get; init; }
    public string Out { get; init; } = "model.bp";
    public string? Plot { get; init; }
    public bool NoPlot { get; init; }
    public string? XKey { get; init; }
    public string? YKey { get; init; }
    /// <summary>--distributed: data-parallel over MPI (<see cref="DistributedRun"/>).</summary>
    public bool Distributed { get; init; }
    public OutputMode Mode { get; init; } = OutputMode.Human;
    /// <summary>The flags given on the command line ("--lr", "--epochs", …).</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();

    /// <summary>Where checkpoints go: beside --out, as NAME.checkpoint.bp.</summary>
    public string CheckpointPath => Beside(Out, ".checkpoint.bp");

    /// <summary>Where a diverged run keeps its last finite parameters: beside --out, as NAME.diverged.bp.</summary>
    public string DivergedPath => Beside(Out, ".diverged.bp");

    /// <summary>The cost curve's file: --plot, else OUT-cost.png beside the model; null with --no-plot.</summary>
    public string? CostPlotPath => NoPlot ? null : Plot ?? Beside(Out, "-cost.png");

    /// <summary>The decision boundary's file: PLOT-boundary.png beside --plot, else OUT-boundary.png beside the model.</summary>
    public string? BoundaryPlotPath => NoPlot ? null : Beside(Plot ?? Out, "-boundary.png");

    /// <summary>Fails with a usage error naming the first given flag that a run of kind <paramref name="run"/> does not use.</summary>
    public void RequireOnly(IReadOnlySet<string> honoured, string run, string? path)
    {
        foreach (var flag in Given)
            if (!honoured.Contains(flag))
                throw CliException.Usage($"{flag} does not apply to {run}{(path is null ? "" : $" ('{path}')")}; leave it out.");
    }

    private static string Beside(string path, string suffix) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + suffix);
}
