using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>J = (1/n) Σ (a − y)² over all n entries; dA = 2(A − Y)/n, then dZ = dA ∘ g′(Z) through the output activation.</summary>
public sealed class MeanSquaredErrorLoss : ILoss
{
    public string Name => "mse";

    public void CheckOutputActivation(IActivation activation)
    {
        if (activation is SoftmaxActivation)
            throw new ArgumentException("Mean squared error on a softmax output is almost always a mistake; use softmax cross-entropy.");
    }

    public T Cost<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(a.Shape, y.Shape, "Mean squared error (output vs targets)");
        var s = a.AsReadOnlySpan();
        var t = y.AsReadOnlySpan();
        T sum = T.Zero;
        for (int i = 0; i < s.Length; i++) sum += (s[i] - t[i]) * (s[i] - t[i]);
        return sum / T.CreateChecked(s.Length);
    }

    public void Gradient<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y, IActivation activation, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.Binary<T, SubtractOperator<T>>(a.AsReadOnlySpan(), y.AsReadOnlySpan(), dz.AsSpan());
        Elementwise.BinaryScalarRight<T, MultiplyOperator<T>>(dz.AsReadOnlySpan(), T.CreateChecked(2.0 / dz.Length), dz.AsSpan());
        activation.Backward(z, a, dz, dz);
    }
}
