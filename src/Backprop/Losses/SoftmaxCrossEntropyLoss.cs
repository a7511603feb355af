using System.Numerics;
using Backprop.Kernels;
using Backprop.Layers.Activations;
using Backprop.Tensors;

namespace Backprop.Losses;

/// <summary>J = −(1/m) Σᵢ Σⱼ yᵢⱼ log aᵢⱼ with A = softmax(Z) and one-hot Y [m × C], computed from Z as
/// −(1/m) Σ yᵢⱼ (zᵢⱼ − max zᵢ − ln Σₖ e^(zᵢₖ − max zᵢ)); dZ = (A − Y)/m.</summary>
public sealed class SoftmaxCrossEntropyLoss : ILoss
{
    public string Name => "softmax-cross-entropy";

    public void CheckOutputActivation(IActivation activation)
    {
        if (activation is not SoftmaxActivation)
            throw new ArgumentException($"Softmax cross-entropy needs a softmax output layer; this model ends in '{activation.Name}'.");
    }

    public T Cost<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(z.Shape, y.Shape, "Softmax cross-entropy (output vs one-hot labels)");
        int m = z.Dim(0), c = z.Dim(1);
        var zs = z.AsReadOnlySpan();
        var ys = y.AsReadOnlySpan();
        T total = T.Zero;
        for (int i = 0; i < m; i++)
        {
            var row = zs.Slice(i * c, c);
            T max = Reductions.Max(row), sum = T.Zero;
            for (int j = 0; j < c; j++) sum += T.Exp(row[j] - max);
            T logSum = max + T.Log(sum);
            for (int j = 0; j < c; j++)
                if (ys[i * c + j] != T.Zero) total += ys[i * c + j] * (row[j] - logSum);
        }
        return -total / T.CreateChecked(m);
    }

    public void Gradient<T>(Tensor<T> z, Tensor<T> a, Tensor<T> y, IActivation activation, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Elementwise.Binary<T, SubtractOperator<T>>(a.AsReadOnlySpan(), y.AsReadOnlySpan(), dz.AsSpan());
        Elementwise.BinaryScalarRight<T, DivideOperator<T>>(dz.AsReadOnlySpan(), T.CreateChecked(z.Dim(0)), dz.AsSpan());
    }
}
