using Backprop.Cli.Inputs;
using Backprop.Defaults;

namespace Backprop.Cli.Playground;

/// <summary>Everything the page sets. <see cref="Validate"/> checks each value on the server, since the page is not
/// trusted: a bad value is refused with one line that names it.</summary>
public sealed record PlaygroundSettings
{
    public const int MaxHiddenLayers = 6;
    public const int MaxUnits = 16;

    public string Dataset { get; init; } = "circle";
    /// <summary>Noise in percent, 0 … 50, as on TensorFlow Playground.</summary>
    public int Noise { get; init; }
    /// <summary>The share of points used for training, 10 … 90 %; the rest is the test set.</summary>
    public int TrainPercent { get; init; } = TrainingDefaults.Playground.TrainPercent;
    public string[] Features { get; init; } = ["x1", "x2"];
    /// <summary>Units per hidden layer, n[1] … n[L−1]; empty for logistic (or linear) regression.</summary>
    public int[] Hidden { get; init; } = [4, 2];
    public string Activation { get; init; } = "tanh";
    public double LearningRate { get; init; } = TrainingDefaults.Playground.LearningRate;
    public string Optimizer { get; init; } = TrainingDefaults.Playground.Optimizer;
    /// <summary>The course's λ: the cost gains (λ/2m)·Σ‖W[l]‖², m the number of training examples.</summary>
    public double L2 { get; init; }
    public int BatchSize { get; init; } = TrainingDefaults.Playground.BatchSize;
    public int Seed { get; init; } = 1;

    public static IReadOnlyList<string> Activations { get; } = ["tanh", "relu", "sigmoid", "linear", "leaky-relu"];
    public static IReadOnlyList<string> Optimizers { get; } = ["gd", "momentum", "adam"];

    /// <summary>Throws <see cref="PlaygroundException"/> naming the first bad value.</summary>
    public PlaygroundSettings Validate()
    {
        if (Dataset != "csv" && !ToyDatasets.Names.Contains(Dataset))
            Fail($"dataset '{Dataset}' is not one of {string.Join(", ", ToyDatasets.Names)}, csv");
        if (Noise is < 0 or > 50) Fail($"noise {Noise} must be 0 … 50 (%)");
        if (TrainPercent is < 10 or > 90) Fail($"train share {TrainPercent} must be 10 … 90 (%)");
        if (Features is null || Features.Length == 0) Fail("choose at least one input feature");
        foreach (var f in Features!)
            if (!FeatureMap.IsKnown(f)) Fail($"feature '{f}' is not one of {string.Join(", ", FeatureMap.All)}");
        if (Features.Distinct().Count() != Features.Length) Fail("a feature is chosen twice");
        if (Hidden is null || Hidden.Length > MaxHiddenLayers) Fail($"at most {MaxHiddenLayers} hidden layers");
        foreach (var n in Hidden!)
            if (n is < 1 or > MaxUnits) Fail($"a hidden layer has {n} units; use 1 … {MaxUnits}");
        if (!Activations.Contains(Activation)) Fail($"activation '{Activation}' is not one of {string.Join(", ", Activations)}");
        if (!(LearningRate > 0 && LearningRate <= 10)) Fail($"learning rate {LearningRate} must be > 0 and ≤ 10");
        if (!Optimizers.Contains(Optimizer)) Fail($"optimizer '{Optimizer}' is not one of {string.Join(", ", Optimizers)}");
        if (!(L2 >= 0 && L2 <= 100)) Fail($"L2 λ {L2} must be 0 … 100");
        if (BatchSize is < 1 or > 1000) Fail($"batch size {BatchSize} must be 1 … 1000");
        if (Seed < 0) Fail($"seed {Seed} must be ≥ 0");
        return this;
    }

    /// <summary>True when going from this to <paramref name="next"/> needs a new network (and new data): everything but
    /// the learning rate, optimiser, λ and batch size, which apply to the running network.</summary>
    public bool NeedsReset(PlaygroundSettings next) =>
        Dataset != next.Dataset || Noise != next.Noise || TrainPercent != next.TrainPercent || Seed != next.Seed
        || Activation != next.Activation || !Features.SequenceEqual(next.Features) || !Hidden.SequenceEqual(next.Hidden);

    private static void Fail(string message) => throw new PlaygroundException(message);
}
