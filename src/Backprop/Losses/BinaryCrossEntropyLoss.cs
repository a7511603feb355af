using System.Numerics;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>J = −(1/n) Σ [y log a + (1 − y) log(1 − a)] for probabilities A. When A comes from a sigmoid (a sigmoid
/// output layer) it is computed from the logits, (1/n) Σ [(1 − y)·z − log σ(z)], with dZ = (A − Y)/n — the course's
/// dZ[L] = A[L] − Y — in one fused op.</summary>
public sealed class BinaryCrossEntropyLoss : ILoss
{
    public string Name => "binary-cross-entropy";

    public void CheckOutput(IActivation? output)
    {
        if (output is not (null or SigmoidActivation)) throw new ArgumentException($"Binary cross-entropy needs a sigmoid output layer; this model ends in '{output!.Name}'. Use binary-cross-entropy-logits for a linear output.");
    }

    public Tensor<T> Compute<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        Op.BinaryCrossEntropy(prediction, target);
}
