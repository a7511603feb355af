using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>Softmax cross-entropy for a model whose output is the logits Z (no softmax layer):
/// J = −(1/m) Σ y log softmax(z), dZ = (softmax(Z) − Y)/m.</summary>
public sealed class SoftmaxCrossEntropyFromLogitsLoss : ILoss
{
    public string Name => "softmax-cross-entropy-logits";

    public Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        Op.SoftmaxCrossEntropy(prediction, target);
}
