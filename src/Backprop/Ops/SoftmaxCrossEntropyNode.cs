using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Softmax cross-entropy from logits Z and one-hot (or soft) targets Y of the same shape, classes on the last axis
/// and m rows (all leading axes): J = −(1/m) Σᵢ Σⱼ yᵢⱼ (zᵢⱼ − max zᵢ − ln Σₖ e^(zᵢₖ − max zᵢ)), stable for any logits.
/// Backward: dZ = (A·Σⱼ yᵢⱼ − Y)/m with A = softmax(Z) — the course's dZ = A − Y for one-hot rows.</summary>
public sealed class SoftmaxCrossEntropyNode<T> : LossNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _probabilities;
    private readonly TensorBuffer<T> _softmax = new();

    public Tensor<T> Forward(Tensor<T> z, Tensor<T> y, Tensor<T>? probabilities = null)
    {
        ShapeMath.RequireSame(z.Shape, y.Shape, "Softmax cross-entropy (output vs one-hot labels)");
        var (m, c) = Op.AsRows(z);
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
        _probabilities = probabilities;
        return Finish(z, y, -total / T.CreateChecked(Math.Max(m, 1)), probabilities);
    }

    protected override void InputGradient(Tensor<T> dz)
    {
        var z = Inputs[0]!;
        var (m, c) = Op.AsRows(z);
        var a = _probabilities;
        if (a is null)
        {
            a = _softmax.Like(z);
            Kernels.Softmax.Rows(z.AsReadOnlySpan(), a.AsSpan(), m, c);
        }
        var aSpan = a.AsReadOnlySpan();
        var ySpan = Targets.AsReadOnlySpan();
        var dzSpan = dz.AsSpan();
        T rows = T.CreateChecked(m);
        for (int i = 0; i < m; i++)
        {
            var yRow = ySpan.Slice(i * c, c);
            T mass = Reductions.Sum(yRow);
            for (int j = 0; j < c; j++) dzSpan[i * c + j] = (aSpan[i * c + j] * mass - yRow[j]) / rows;
        }
    }
}
