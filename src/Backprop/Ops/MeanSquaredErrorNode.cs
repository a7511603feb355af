using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Mean squared error J = (1/n) Σ (ŷ − y)² over all n entries. Backward: dŶ = 2(Ŷ − Y)/n (then the output
/// activation's own backward, when there is one, turns it into dZ).</summary>
public sealed class MeanSquaredErrorNode<T> : LossNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Tensor<T> Forward(Tensor<T> prediction, Tensor<T> target)
    {
        ShapeMath.RequireSame(prediction.Shape, target.Shape, "Mean squared error (output vs targets)");
        var s = prediction.AsReadOnlySpan();
        var t = target.AsReadOnlySpan();
        T sum = T.Zero;
        for (int i = 0; i < s.Length; i++) sum += (s[i] - t[i]) * (s[i] - t[i]);
        return Finish(prediction, target, sum / T.CreateChecked(Math.Max(s.Length, 1)), target);
    }

    /// <summary>Also dY = −2(Ŷ − Y)/n · dJ, for the rare target that is itself computed (a distillation, a consistency term).</summary>
    public override void Backward(Tensor<T> dj)
    {
        base.Backward(dj);
        var target = Targets;
        if (!target.RequiresGrad) return;
        var gradient = Tensor<T>.ZerosLike(target);
        InputGradient(gradient);
        Graph.Accumulate(target, gradient * -dj.ToScalar());
    }

    protected override void InputGradient(Tensor<T> gradient)
    {
        Elementwise.Binary<T, SubtractOperator<T>>(Inputs[0]!.AsReadOnlySpan(), Targets.AsReadOnlySpan(), gradient.AsSpan());
        Elementwise.BinaryScalarRight<T, MultiplyOperator<T>>(gradient.AsReadOnlySpan(), T.CreateChecked(2.0 / gradient.Length), gradient.AsSpan());
    }
}
