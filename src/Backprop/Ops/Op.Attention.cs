using System.Numerics;
using Backprop.Ops.Attention;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>ε of layer normalisation unless one is given (PyTorch's nn.LayerNorm default): the one place it is written.</summary>
    public const double LayerNormEpsilon = 1e-5;

    /// <summary>Layer normalisation over the last axis: y = γ ∘ (x − μ)/√(σ² + ε) + β, μ and σ² (biased) of each row.
    /// Backward: see <see cref="LayerNormNode{T}"/>.</summary>
    public static Tensor<T> LayerNorm<T>(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, double epsilon = LayerNormEpsilon)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new LayerNormNode<T>().Forward(x, gamma, beta, T.CreateChecked(epsilon));

    /// <summary>C[b] = op(A[b])·op(B[b]) for every index b of the leading axes of rank-3 or rank-4 tensors.
    /// Backward: dA = dC·op(B)ᵀ, dB = op(A)ᵀ·dC per b (transposed back where A or B was). See <see cref="BatchedMatMulNode{T}"/>.</summary>
    public static Tensor<T> BatchedMatMul<T>(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new BatchedMatMulNode<T>().Forward(a, b, transposeA, transposeB);

    /// <summary>Attention weights P = softmax(scale·S + M) over the last axis, M = −∞ at masked keys (causal: key j &gt; query
    /// i; padding: <paramref name="keyPadding"/>[n, j] ≠ 0). Backward: dS = scale·P ∘ (dP − Σⱼ dPⱼPⱼ).</summary>
    public static Tensor<T> ScaledMaskedSoftmax<T>(Tensor<T> scores, double scale, bool causal = false, Tensor<T>? keyPadding = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new ScaledMaskedSoftmaxNode<T>().Forward(scores, T.CreateChecked(scale), causal, keyPadding);

    /// <summary>(m, T, h·d) → (m, h, T, d): y[n, k, t, :] = x[n, t, k·d : (k+1)·d]. Backward: the inverse permutation.</summary>
    public static Tensor<T> SplitHeads<T>(Tensor<T> x, int heads) where T : unmanaged, IFloatingPointIeee754<T> =>
        new HeadTransposeNode<T>().Split(x, heads);

    /// <summary>(m, h, T, d) → (m, T, h·d), the inverse of <see cref="SplitHeads{T}"/>. Backward: the split.</summary>
    public static Tensor<T> MergeHeads<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new HeadTransposeNode<T>().Merge(x);

    /// <summary>y[n, t, :] = x[n, t, :] + P[t, :] for x (m, T, d) and a table P (T_max ≥ T, d).
    /// Backward: dx = dy, dP[t, :] = Σₙ dy[n, t, :].</summary>
    public static Tensor<T> AddPositions<T>(Tensor<T> x, Tensor<T> table) where T : unmanaged, IFloatingPointIeee754<T> =>
        new PositionalAddNode<T>().Forward(x, table);
}
