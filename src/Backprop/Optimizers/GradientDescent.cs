using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Plain gradient descent, the course's update: θ ← θ − α·dθ.</summary>
public sealed class GradientDescent(double learningRate) : IOptimizer
{
    public string Name => "gd";

    public double LearningRate { get; set; } = learningRate > 0 && double.IsFinite(learningRate)
        ? learningRate
        : throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive number.");

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T alpha = T.CreateChecked(LearningRate);
        foreach (var p in parameters)
            ParameterUpdate.SubtractScaled(p.Value.AsSpan(), p.Gradient.AsReadOnlySpan(), alpha);
    }
}
