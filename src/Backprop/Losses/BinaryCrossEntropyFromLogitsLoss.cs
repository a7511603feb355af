using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>Binary cross-entropy for a model whose output is the logits Z (no sigmoid layer):
/// J = (1/n) Σ [(1 − y)·z − log σ(z)], dZ = (σ(Z) − Y)/n.</summary>
public sealed class BinaryCrossEntropyFromLogitsLoss : ILoss
{
    public string Name => "binary-cross-entropy-logits";

    public Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        Op.BinaryCrossEntropyWithLogits(prediction, target);
}
