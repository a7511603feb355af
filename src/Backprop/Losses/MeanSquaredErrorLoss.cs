using System.Numerics;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>J = (1/n) Σ (ŷ − y)² over all n entries; dŶ = 2(Ŷ − Y)/n.</summary>
public sealed class MeanSquaredErrorLoss : ILoss
{
    public string Name => "mse";

    public void CheckOutput(IActivation? output)
    {
        if (output is SoftmaxActivation) throw new ArgumentException($"Mean squared error on a softmax output is almost always a mistake; use softmax cross-entropy.");
    }

    public Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        Op.MeanSquaredError(prediction, target);
}
