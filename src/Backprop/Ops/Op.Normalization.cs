using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>Inverted dropout Y = X ∘ D, D = (U ≥ rate)/(1 − rate) drawn from <paramref name="random"/>. Backward: dX = dY ∘ D.</summary>
    public static Tensor<T> Dropout<T>(Tensor<T> x, double rate, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T> =>
        new DropoutNode<T>().Forward(x, rate, random);

    /// <summary>Batch normalisation over every axis but the last with the batch's statistics:
    /// y = γ ∘ (x − μ)/√(σ² + ε) + β. Backward: see <see cref="BatchNormNode{T}"/>.</summary>
    public static Tensor<T> BatchNorm<T>(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, double epsilon = 1e-5)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new BatchNormNode<T>().Forward(x, gamma, beta, T.CreateChecked(epsilon), null, null, T.Zero);

    /// <summary>Batch normalisation with given statistics (evaluation): y = γ ∘ (x − μ)/√(σ² + ε) + β; μ, σ² are constants.</summary>
    public static Tensor<T> BatchNorm<T>(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, Tensor<T> mean, Tensor<T> variance, double epsilon = 1e-5)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new BatchNormNode<T>().Forward(x, gamma, beta, T.CreateChecked(epsilon), mean, variance);
}
