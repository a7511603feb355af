using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>The lowest value a log of a probability takes in a composed cross-entropy: −100, PyTorch's BCELoss clamp.</summary>
    public const double LogFloor = -100;

    /// <summary>Binary cross-entropy from logits Z and labels Y: J = (1/n) Σ [(1 − y)·z − log σ(z)].
    /// Backward: dZ = (σ(Z) − Y)/n · dJ. Fused for stability (no log 0, ever) and speed.</summary>
    public static Tensor<T> BinaryCrossEntropyWithLogits<T>(Tensor<T> z, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        LossNodes<T, BinaryCrossEntropyNode<T>>.Next().Forward(z, y);

    /// <summary>Binary cross-entropy from probabilities A (the course's compute_cost): J = −(1/n) Σ [y log a + (1 − y) log(1 − a)].
    /// When A came from a sigmoid op, J is computed from its logits instead (same value, stable, and dZ = (A − Y)/n);
    /// otherwise it is composed from differentiable ops, each log clamped at ≥ <see cref="LogFloor"/> as PyTorch's
    /// BCELoss does, so a saturated a = 1 (or 0) costs 100 per example instead of 0·log 0 = NaN.</summary>
    public static Tensor<T> BinaryCrossEntropy<T>(Tensor<T> a, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(a.Shape, y.Shape, "Binary cross-entropy (probabilities vs labels)");
        if (ProducerOf<T>(a, Activation.Sigmoid) is { } sigmoid)
            return LossNodes<T, BinaryCrossEntropyNode<T>>.Next().Forward(sigmoid.PreActivation, y, a);
        var one = Tensor<T>.Scalar(T.One);
        var floor = Tensor<T>.Scalar(T.CreateChecked(LogFloor));
        var logLikelihood = Add(Multiply(y, Maximum(Log(a), floor)), Multiply(Subtract(one, y), Maximum(Log(Subtract(one, a)), floor)));
        return Negate(Mean(logLikelihood));
    }

    /// <summary>Softmax cross-entropy from logits Z and one-hot (or soft) targets Y, classes on the last axis:
    /// J = −(1/m) Σᵢ Σⱼ yᵢⱼ log softmax(zᵢ)ⱼ. Backward: dZ = (softmax(Z)·Σⱼyᵢⱼ − Y)/m · dJ.</summary>
    public static Tensor<T> SoftmaxCrossEntropy<T>(Tensor<T> z, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        LossNodes<T, SoftmaxCrossEntropyNode<T>>.Next().Forward(z, y);

    /// <summary>Categorical cross-entropy from probabilities P: J = −(1/m) Σ y log p. When P came from a softmax op, J is
    /// computed from its logits (stable, dZ = (P − Y)/m); otherwise it is composed from differentiable ops, log p clamped at
    /// ≥ <see cref="LogFloor"/> so a class of probability 0 and target 0 adds 0, not NaN.</summary>
    public static Tensor<T> CategoricalCrossEntropy<T>(Tensor<T> p, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(p.Shape, y.Shape, "Categorical cross-entropy (probabilities vs labels)");
        if (ProducerOf<T>(p, Activation.Softmax) is { } softmax)
            return LossNodes<T, SoftmaxCrossEntropyNode<T>>.Next().Forward(softmax.PreActivation, y, p);
        var (rows, _) = AsRows(p);
        var floor = Tensor<T>.Scalar(T.CreateChecked(LogFloor));
        return Scale(Sum(Multiply(y, Maximum(Log(p), floor))), -T.One / T.CreateChecked(Math.Max(rows, 1)));
    }

    /// <summary>Mean squared error J = (1/n) Σ (ŷ − y)². Backward: dŶ = 2(Ŷ − Y)/n · dJ.</summary>
    public static Tensor<T> MeanSquaredError<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        LossNodes<T, MeanSquaredErrorNode<T>>.Next().Forward(prediction, target);

    /// <summary>The activation node that produced <paramref name="a"/>, when it applied <paramref name="activation"/>'s kind.</summary>
    private static ActivationNode<T>? ProducerOf<T>(Tensor<T> a, IActivation activation) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.ProducerOf(a) is ActivationNode<T> node && node.Output == a && node.Activation.GetType() == activation.GetType() ? node : null;
}
