using System.Numerics;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>J = −(1/m) Σᵢ Σⱼ yᵢⱼ log aᵢⱼ for class probabilities A and one-hot Y (classes on the last axis). When A comes
/// from a softmax it is computed from the logits, stably, with dZ = (A − Y)/m in one fused op.</summary>
public sealed class SoftmaxCrossEntropyLoss : ILoss
{
    public string Name => "softmax-cross-entropy";

    public void CheckOutput(IActivation? output)
    {
        if (output is not (null or SoftmaxActivation)) throw new ArgumentException($"Softmax cross-entropy needs a softmax output layer; this model ends in '{output!.Name}'. Use softmax-cross-entropy-logits for a linear output.");
    }

    public Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        Op.CategoricalCrossEntropy(prediction, target);
}
