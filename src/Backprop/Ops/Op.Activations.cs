using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>A = σ(Z) = 1/(1+e^−Z). Backward: dZ = dA ∘ A(1 − A).</summary>
    public static Tensor<T> Sigmoid<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = z.Sigmoid();
        return Graph.Record(a, z, da => da * a * (T.One - a));
    }

    /// <summary>A = tanh Z. Backward: dZ = dA ∘ (1 − A²).</summary>
    public static Tensor<T> Tanh<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = z.Tanh();
        return Graph.Record(a, z, da => da * (T.One - a.Square()));
    }

    /// <summary>A = max(Z, 0). Backward: dZ = dA where Z &gt; 0, else 0.</summary>
    public static Tensor<T> Relu<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(z.Relu(), z, da => Tensor<T>.Map<ReluBackwardOperator<T>>(z, da));

    /// <summary>A = Z for Z &gt; 0, slope·Z otherwise. Backward: dZ = dA where Z &gt; 0, slope·dA otherwise.</summary>
    public static Tensor<T> LeakyRelu<T>(Tensor<T> z, T slope) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(z.LeakyRelu(slope), z, da =>
        {
            var positive = z.GreaterThan(T.Zero);
            return da * (positive + (T.One - positive) * slope);
        });

    /// <summary>Row-wise softmax Sᵢ = e^(Zᵢ − max Z) / Σⱼ e^(Zⱼ − max Z) over the last axis of a matrix.
    /// Backward: dZ = S ∘ (dS − Σⱼ dSⱼ Sⱼ) per row.</summary>
    public static Tensor<T> Softmax<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, cols) = AsMatrix(z);
        var s = Tensor<T>.ZerosLike(z);
        Kernels.Softmax.Rows(z.AsReadOnlySpan(), s.AsSpan(), rows, cols);
        return Graph.Record(s, z, ds => s * (ds - (ds * s).Sum(-1, keepDims: true)));
    }

    /// <summary>Row-wise log-softmax L = Z − max Z − ln Σ e^(Z − max Z). Backward: dZ = dL − softmax(Z) · Σⱼ dLⱼ.</summary>
    public static Tensor<T> LogSoftmax<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, cols) = AsMatrix(z);
        var l = Tensor<T>.ZerosLike(z);
        Kernels.Softmax.LogRows(z.AsReadOnlySpan(), l.AsSpan(), rows, cols);
        return Graph.Record(l, z, dl => dl - l.Exp() * dl.Sum(-1, keepDims: true));
    }

    private static (int Rows, int Cols) AsMatrix<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (z.Rank == 0) throw new ArgumentException("Softmax needs at least one axis.");
        int cols = z.Dim(-1);
        return (cols == 0 ? 0 : z.Length / cols, cols);
    }
}
