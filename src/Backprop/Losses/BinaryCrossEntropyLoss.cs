using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>J = −(1/n) Σ [y log a + (1 − y) log(1 − a)] with a = σ(z), computed from the logits as
/// (1/n) Σ [(1 − y)·z − log σ(z)] so that no log 0 can occur; dZ = (A − Y)/n, the course's dZ[L] = A[L] − Y.
/// n is the number of entries of Y (m for one output unit).</summary>
public sealed class BinaryCrossEntropyLoss : ILoss
{
    public string Name => "binary-cross-entropy";

    public void CheckOutputActivation(IActivation activation)
    {
        if (activation is not SigmoidActivation)
            throw new ArgumentException($"Binary cross-entropy needs a sigmoid output layer; this model ends in '{activation.Name}'.");
    }

    public T Cost<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(z.Shape, y.Shape, "Binary cross-entropy (output vs labels)");
        var zs = z.AsReadOnlySpan();
        var ys = y.AsReadOnlySpan();
        T sum = T.Zero;
        for (int i = 0; i < zs.Length; i++)
            sum += (T.One - ys[i]) * zs[i] - LogSigmoidOperator<T>.Invoke(zs[i]);
        return sum / T.CreateChecked(zs.Length);
    }

    public void Gradient<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y, IActivation activation, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.Binary<T, SubtractOperator<T>>(a.AsReadOnlySpan(), y.AsReadOnlySpan(), dz.AsSpan());
        Elementwise.BinaryScalarRight<T, DivideOperator<T>>(dz.AsReadOnlySpan(), T.CreateChecked(dz.Length), dz.AsSpan());
    }
}
