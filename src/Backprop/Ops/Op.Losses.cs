using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>Binary cross-entropy fused with the sigmoid, from logits Z and labels Y ∈ {0, 1} of the same shape:
    /// J = (1/n) Σ −[y log σ(z) + (1 − y) log(1 − σ(z))] = (1/n) Σ [max(z, 0) − z·y + ln(1 + e^−|z|)].
    /// Fused for stability (no log 0, ever) and speed. Backward: dZ = (σ(Z) − Y)/n · dJ — the course's dZ = A − Y.</summary>
    public static Tensor<T> BinaryCrossEntropyWithLogits<T>(Tensor<T> z, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(z.Shape, y.Shape, "Binary cross-entropy (logits vs labels)");
        T n = T.CreateChecked(z.Length);
        // −[y log σ(z) + (1 − y) log σ(−z)] = −y·logσ(z) − (1 − y)·(logσ(z) − z) = (1 − y)·z − logσ(z)
        var perExample = (T.One - y) * z - z.LogSigmoid();
        var cost = Tensor<T>.Scalar(perExample.Sum().ToScalar() / n);
        return Graph.Record(cost, z, dJ => (z.Sigmoid() - y) * (dJ.ToScalar() / n));
    }

    /// <summary>Binary cross-entropy from probabilities A (the course's compute_cost):
    /// J = −(1/n) Σ [y log a + (1 − y) log(1 − a)]. Composed from differentiable ops; prefer the logits form in training.</summary>
    public static Tensor<T> BinaryCrossEntropy<T>(Tensor<T> a, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(a.Shape, y.Shape, "Binary cross-entropy (probabilities vs labels)");
        var one = Tensor<T>.Scalar(T.One);
        var logLikelihood = Add(Multiply(y, Log(a)), Multiply(Subtract(one, y), Log(Subtract(one, a))));
        return Negate(Mean(logLikelihood));
    }

    /// <summary>Softmax cross-entropy from logits Z [m × C] and one-hot (or soft) targets Y [m × C]:
    /// J = −(1/m) Σᵢ Σⱼ yᵢⱼ log softmax(zᵢ)ⱼ. Fused for stability. Backward: dZ = (softmax(Z)·Σⱼyᵢⱼ − Y)/m · dJ.</summary>
    public static Tensor<T> SoftmaxCrossEntropy<T>(Tensor<T> z, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(z.Shape, y.Shape, "Softmax cross-entropy (logits vs targets)");
        if (z.Rank != 2) throw new ArgumentException($"Softmax cross-entropy needs [examples × classes]; got {ShapeMath.Format(z.Shape)}.");
        T m = T.CreateChecked(z.Dim(0));
        Tensor<T> logSoftmax;
        using (Graph.NoGrad()) logSoftmax = LogSoftmax(z);
        var cost = Tensor<T>.Scalar(-(logSoftmax * y).Sum().ToScalar() / m);
        return Graph.Record(cost, z, dJ => (logSoftmax.Exp() * y.Sum(-1, keepDims: true) - y) * (dJ.ToScalar() / m));
    }

    /// <summary>Mean squared error J = (1/n) Σ (ŷ − y)². Composed: Backward dŶ = 2(Ŷ − Y)/n.</summary>
    public static Tensor<T> MeanSquaredError<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(prediction.Shape, target.Shape, "Mean squared error (prediction vs target)");
        return Mean(Square(Subtract(prediction, target)));
    }
}
