using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>A = g(Z) for any activation g; backward dZ = dA ∘ g′(Z) by the activation's own derivative.</summary>
    public static Tensor<T> Activate<T>(Tensor<T> z, IActivation activation) where T : unmanaged, IFloatingPointIeee754<T> =>
        new ActivationNode<T>().Forward(activation, z);

    /// <summary>A = σ(Z) = 1/(1+e^−Z). Backward: dZ = dA ∘ A(1 − A).</summary>
    public static Tensor<T> Sigmoid<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Activate(z, Activation.Sigmoid);

    /// <summary>A = tanh Z. Backward: dZ = dA ∘ (1 − A²).</summary>
    public static Tensor<T> Tanh<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Activate(z, Activation.Tanh);

    /// <summary>A = max(Z, 0). Backward: dZ = dA where Z &gt; 0, else 0.</summary>
    public static Tensor<T> Relu<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Activate(z, Activation.Relu);

    /// <summary>A = Z for Z &gt; 0, slope·Z otherwise. Backward: dZ = dA where Z &gt; 0, slope·dA otherwise.</summary>
    public static Tensor<T> LeakyRelu<T>(Tensor<T> z, T slope) where T : unmanaged, IFloatingPointIeee754<T> =>
        Activate(z, Activation.LeakyRelu(double.CreateChecked(slope)));

    /// <summary>Exact GELU A = ½Z(1 + erf(Z/√2)). Backward: dZ = dA ∘ (Φ(Z) + Z·φ(Z)).</summary>
    public static Tensor<T> Gelu<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Activate(z, Activation.Gelu);

    /// <summary>GELU, tanh form: A = ½Z(1 + tanh(√(2/π)(Z + 0.044715Z³))). Backward: see <see cref="GeluTanhActivation"/>.</summary>
    public static Tensor<T> GeluTanh<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Activate(z, Activation.GeluTanh);

    /// <summary>Softmax Sᵢ = e^(Zᵢ − max Z) / Σⱼ e^(Zⱼ − max Z) over the last axis.
    /// Backward: dZ = S ∘ (dS − Σⱼ dSⱼ Sⱼ) per row.</summary>
    public static Tensor<T> Softmax<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Activate(z, Activation.Softmax);

    /// <summary>Log-softmax L = Z − max Z − ln Σ e^(Z − max Z) over the last axis. Backward: dZ = dL − softmax(Z) · Σⱼ dLⱼ.</summary>
    public static Tensor<T> LogSoftmax<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, cols) = AsRows(z);
        var l = Tensor<T>.ZerosLike(z);
        Kernels.Softmax.LogRows(z.AsReadOnlySpan(), l.AsSpan(), rows, cols);
        return Graph.Record(l, z, dl => dl - l.Exp() * dl.Sum(-1, keepDims: true));
    }

    /// <summary>Z as rows over its last axis: (Π leading dims, last dim).</summary>
    internal static (int Rows, int Cols) AsRows<T>(Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (z.Rank == 0) throw new ArgumentException("Softmax needs at least one axis.");
        int cols = z.Dim(-1);
        return (cols == 0 ? 0 : z.Length / cols, cols);
    }

    /// <summary>Z = X·Wᵀ + b over X's last axis (a dense layer's linear part). Backward: dW = dZᵀ·X, db = Σ_rows dZ, dX = dZ·W.</summary>
    public static Tensor<T> Linear<T>(Tensor<T> x, Tensor<T> weight, Tensor<T>? bias = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        new LinearNode<T>().Forward(x, weight, bias);
}
