using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Binary cross-entropy fused with the sigmoid, from logits Z and labels Y ∈ {0, 1} of the same shape:
/// J = (1/n) Σ −[y log σ(z) + (1 − y) log(1 − σ(z))] = (1/n) Σ [(1 − y)·z − log σ(z)], so no log 0 can occur.
/// Backward: dZ = (A − Y)/n with A = σ(Z) — the course's dZ[L] = A[L] − Y (n = m for one output unit).</summary>
public sealed class BinaryCrossEntropyNode<T> : LossNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _probabilities;
    private readonly TensorBuffer<T> _sigmoid = new();

    /// <summary>J from logits <paramref name="z"/>. <paramref name="probabilities"/>, when the caller has A = σ(Z) already,
    /// saves recomputing it in the backward pass.</summary>
    public Tensor<T> Forward(Tensor<T> z, Tensor<T> y, Tensor<T>? probabilities = null)
    {
        ShapeMath.RequireSame(z.Shape, y.Shape, "Binary cross-entropy (output vs labels)");
        var zs = z.AsReadOnlySpan();
        var ys = y.AsReadOnlySpan();
        T sum = T.Zero;
        for (int i = 0; i < zs.Length; i++)
            sum += (T.One - ys[i]) * zs[i] - LogSigmoidOperator<T>.Invoke(zs[i]);
        _probabilities = probabilities;
        return Finish(z, y, sum / T.CreateChecked(Math.Max(zs.Length, 1)), probabilities);
    }

    protected override void InputGradient(Tensor<T> dz)
    {
        var z = Inputs[0]!;
        var a = _probabilities;
        if (a is null)
        {
            a = _sigmoid.Like(z);
            Elementwise.Unary<T, SigmoidOperator<T>>(z.AsReadOnlySpan(), a.AsSpan());
        }
        Elementwise.Binary<T, SubtractOperator<T>>(a.AsReadOnlySpan(), Targets.AsReadOnlySpan(), dz.AsSpan());
        Elementwise.BinaryScalarRight<T, DivideOperator<T>>(dz.AsReadOnlySpan(), T.CreateChecked(dz.Length), dz.AsSpan());
    }
}
