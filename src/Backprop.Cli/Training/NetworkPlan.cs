using System.Globalization;
using Backprop.Initializers;
using Backprop.Ops.Activations;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;

namespace Backprop.Cli.Training;

/// <summary>The network a run builds: layer sizes, activations, initialiser, loss and optimiser — from flags where given,
/// otherwise the defaults a newcomer should get: two tanh hidden layers sized from the input (h₁ = clamp(2n, 16, 128),
/// h₂ = h₁/2), Xavier initialisation, Adam with α = 0.003, and the loss that matches the task. Why tanh and 0.003
/// (measured, test data never seen in training): planar flower test accuracy 0.8975 against 0.8775 for ReLU/0.001
/// (the course's 4-unit tanh network: 0.8975); housing R² 0.783 against 0.768; MNIST 96.7 % against 97.3 %.</summary>
public sealed record NetworkPlan(int[] LayerDims, IActivation Hidden, IActivation Output, IInitializer Initializer, ILoss Loss, string OptimizerName, double LearningRate)
{
    /// <summary>Adam's and RMSprop's default α.</summary>
    public const double DefaultAdaptiveRate = 0.003;

    public static int[] DefaultHidden(int inputs)
    {
        int h1 = Math.Clamp(2 * inputs, 16, 128);
        return [h1, Math.Max(8, h1 / 2)];
    }

    public static int[] ParseLayers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw CliException.Usage("--layers needs sizes such as 20,7,5.");
        return parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw CliException.Usage($"--layers '{text}': '{p}' is not a positive whole number of units.")).ToArray();
    }

    public Sequential<float> Build(uint seed)
    {
        var model = Sequential<float>.FromLayerDims(LayerDims, Hidden, Output);
        model.Initialize(Initializer, new NumpyRandom(seed));
        return model;
    }

    public IOptimizer CreateOptimizer() => Optimizer.Parse(OptimizerName, LearningRate);
}
