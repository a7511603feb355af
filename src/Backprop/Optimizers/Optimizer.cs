using System.Numerics;
using Backprop.Defaults;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>The optimisers by name, and checkpoint state for any optimiser.</summary>
public static class Optimizer
{
    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gd", "momentum", "rmsprop", "adam", "adamw"];

    /// <summary>An optimiser by its <see cref="IOptimizer.Name"/> ("gd" or "sgd", "momentum", "rmsprop", "adam", "adamw";
    /// any case), with its other hyperparameters at their defaults.</summary>
    public static IOptimizer Parse(string name, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        double alpha = learningRate ?? DefaultLearningRate(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "gd" or "sgd" or "gradient-descent" => new GradientDescent(alpha),
            "momentum" => new Momentum(alpha),
            "rmsprop" => new RmsProp(alpha),
            "adam" => new Adam(alpha),
            "adamw" => new AdamW(alpha),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'; expected gd, momentum, rmsprop, adam or adamw.", nameof(name)),
        };
    }

    /// <summary>The learning rate an optimiser starts from when none is given (<see cref="TrainingDefaults.LearningRate"/>).</summary>
    public static double DefaultLearningRate(string name) => TrainingDefaults.LearningRate(name);

    /// <summary>The state of any optimiser: <see cref="IStatefulOptimizer.ExportState"/>, or for a stateless one
    /// (gradient descent) an empty state under its name.</summary>
    public static OptimizerState ExportState<T>(IOptimizer optimizer, IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer is IStatefulOptimizer stateful ? stateful.ExportState(parameters) : new OptimizerState(optimizer.Name, 0, []);
    }

    /// <summary>Restores a state from <see cref="ExportState"/> into any optimiser of the same kind.</summary>
    public static void ImportState<T>(IOptimizer optimizer, IReadOnlyList<Parameter<T>> parameters, OptimizerState state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        if (optimizer is IStatefulOptimizer stateful) stateful.ImportState(parameters, state);
        else if (state.Optimizer != optimizer.Name || state.Arrays.Count != 0 || state.Inner is not null)
            throw new ArgumentException($"The state belongs to a '{state.Optimizer}' optimiser, not '{optimizer.Name}'.", nameof(state));
    }
}
