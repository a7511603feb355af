using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>C = op(A)·op(B) for matrices, op(X) = X or Xᵀ as flagged; no transpose is materialised
    /// (the GEMM packing absorbs it). op(A) is m×k and op(B) is k×n.</summary>
    public static Tensor<T> MatMul(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false)
    {
        a.Plain("Tensor.MatMul(a, b)", "Op.MatMul(a, b)");
        b.Plain("Tensor.MatMul(a, b)", "Op.MatMul(a, b)");
        return MatMulValues(a, b, transposeA, transposeB);
    }

    /// <summary><see cref="MatMul"/> without the check for a recorded operand: for the ops that record it themselves.</summary>
    internal static Tensor<T> MatMulValues(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB)
    {
        var (m, n, _) = MatMulShape(a, b, transposeA, transposeB);
        var c = Zeros(m, n);
        MatMulInto(a, b, c, transposeA, transposeB);
        return c;
    }

    /// <summary>C = α·op(A)·op(B) + β·C into an existing C (no allocation; β = 1 accumulates, as gradients do).</summary>
    public static void MatMulInto(Tensor<T> a, Tensor<T> b, Tensor<T> c, bool transposeA = false, bool transposeB = false,
        T? alpha = null, T? beta = null)
    {
        var (m, n, k) = MatMulShape(a, b, transposeA, transposeB);
        if (c.Rank != 2 || c._shape[0] != m || c._shape[1] != n)
            throw new ArgumentException($"MatMul result needs shape ({m}, {n}); destination is {ShapeMath.Format(c._shape)}.");
        Gemm.Multiply(transposeA, transposeB, m, n, k, alpha ?? T.One, a.AsReadOnlySpan(), a._shape[1],
            b.AsReadOnlySpan(), b._shape[1], beta ?? T.Zero, c.AsSpan(), n);
    }

    private static (int M, int N, int K) MatMulShape(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB)
    {
        if (a.Rank != 2 || b.Rank != 2)
            throw new ArgumentException($"MatMul needs two matrices; got shapes {ShapeMath.Format(a._shape)} and {ShapeMath.Format(b._shape)}.");
        int m = transposeA ? a._shape[1] : a._shape[0], ka = transposeA ? a._shape[0] : a._shape[1];
        int kb = transposeB ? b._shape[1] : b._shape[0], n = transposeB ? b._shape[0] : b._shape[1];
        if (ka != kb)
            throw new ArgumentException($"MatMul shapes {ShapeMath.Format(a._shape)}{(transposeA ? "ᵀ" : "")} and {ShapeMath.Format(b._shape)}{(transposeB ? "ᵀ" : "")} do not align: {ka} ≠ {kb}.");
        return (m, n, ka);
    }
}
