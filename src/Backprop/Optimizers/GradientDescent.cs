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
        for (int i = 0; i < parameters.Count; i++) // indexed: a foreach over the interface would allocate an enumerator per step
            ParameterUpdate.SubtractScaled(parameters[i].Value.AsSpan(), parameters[i].Gradient.AsReadOnlySpan(), alpha);
    }
}
