using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Attention;

/// <summary>A batch of matrix products, C[b] = op(A[b])·op(B[b]) for every index b of the leading axes (rank 3: (m, r, c);
/// rank 4: (m, h, r, c), the attention's heads), op(X) = X or Xᵀ of the last two axes as flagged. Each product is one
/// call of the GEMM kernel, whose transpose flags replace every transpose. Backward, per b, with the flags of forward:
/// dA = dC·op(B)ᵀ (or its transpose, op(B)·dCᵀ, when A was transposed), dB = op(A)ᵀ·dC (or dCᵀ·op(A)) — again GEMM calls,
/// written or added in place (β = 0 or 1).</summary>
public sealed class BatchedMatMulNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private bool _transposeA, _transposeB;

    public BatchedMatMulNode() : base(2) { }

    /// <summary>C = op(A)·op(B) over the batch axes, into this node's reused output buffer.</summary>
    public Tensor<T> Forward(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB)
    {
        var (batch, m, n, k) = Shape(a, b, transposeA, transposeB);
        (Inputs[0], Inputs[1], _transposeA, _transposeB) = (a, b, transposeA, transposeB);
        Span<int> shape = stackalloc int[a.Rank];
        a.Shape.CopyTo(shape);
        shape[^2] = m;
        shape[^1] = n;
        var c = _output.Get(shape);
        ReadOnlySpan<T> aSpan = a.AsReadOnlySpan(), bSpan = b.AsReadOnlySpan();
        var cSpan = c.AsSpan();
        var (lda, ldb) = (a.Dim(-1), b.Dim(-1));
        int aSize = m * k, bSize = k * n, cSize = m * n;
        if (k == 0) cSpan.Clear();
        else
            for (int i = 0; i < batch; i++)
                Gemm.Multiply(transposeA, transposeB, m, n, k, T.One, aSpan.Slice(i * aSize, aSize), lda, bSpan.Slice(i * bSize, bSize), ldb,
                    T.Zero, cSpan.Slice(i * cSize, cSize), n);
        return Graph.Record(c, this);
    }

    public override void Backward(Tensor<T> dc)
    {
        var (a, b) = (Inputs[0]!, Inputs[1]!);
        var (batch, m, n, k) = Shape(a, b, _transposeA, _transposeB);
        int aSize = m * k, bSize = k * n, cSize = m * n;
        ReadOnlySpan<T> aSpan = a.AsReadOnlySpan(), bSpan = b.AsReadOnlySpan(), dcSpan = dc.AsReadOnlySpan();
        var (lda, ldb) = (a.Dim(-1), b.Dim(-1));
        if (k == 0) return;
        if (Graph.GradientTarget(a, out bool addA) is { } da)
        {
            var dAs = da.AsSpan();
            T beta = addA ? T.One : T.Zero;
            for (int i = 0; i < batch; i++)
            {
                ReadOnlySpan<T> g = dcSpan.Slice(i * cSize, cSize), bi = bSpan.Slice(i * bSize, bSize);
                var di = dAs.Slice(i * aSize, aSize);
                // dop(A) = dC·op(B)ᵀ (m×k); A stored k×m when transposed, so then dA = op(B)·dCᵀ.
                if (!_transposeA) Gemm.Multiply(false, !_transposeB, m, k, n, T.One, g, n, bi, ldb, beta, di, lda);
                else Gemm.Multiply(_transposeB, true, k, m, n, T.One, bi, ldb, g, n, beta, di, lda);
            }
        }
        if (Graph.GradientTarget(b, out bool addB) is { } db)
        {
            var dBs = db.AsSpan();
            T beta = addB ? T.One : T.Zero;
            for (int i = 0; i < batch; i++)
            {
                ReadOnlySpan<T> g = dcSpan.Slice(i * cSize, cSize), ai = aSpan.Slice(i * aSize, aSize);
                var di = dBs.Slice(i * bSize, bSize);
                // dop(B) = op(A)ᵀ·dC (k×n); B stored n×k when transposed, so then dB = dCᵀ·op(A).
                if (!_transposeB) Gemm.Multiply(!_transposeA, false, k, n, m, T.One, ai, lda, g, n, beta, di, ldb);
                else Gemm.Multiply(true, _transposeA, n, k, m, T.One, g, n, ai, lda, beta, di, ldb);
            }
        }
    }

    /// <summary>(batch count, m, n, k) of op(A) (m×k) times op(B) (k×n), after checking that the leading axes agree.</summary>
    private static (int Batch, int M, int N, int K) Shape(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB)
    {
        if (a.Rank is not (3 or 4) || b.Rank != a.Rank)
            throw new ArgumentException($"A batched matrix product needs two tensors of rank 3 or 4 with the same rank; got {ShapeMath.Format(a.Shape)} and {ShapeMath.Format(b.Shape)}.");
        int batch = 1;
        for (int axis = 0; axis < a.Rank - 2; axis++)
        {
            if (a.Dim(axis) != b.Dim(axis))
                throw new ArgumentException($"A batched matrix product needs the same leading axes; got {ShapeMath.Format(a.Shape)} and {ShapeMath.Format(b.Shape)}.");
            batch *= a.Dim(axis);
        }
        int m = transposeA ? a.Dim(-1) : a.Dim(-2), ka = transposeA ? a.Dim(-2) : a.Dim(-1);
        int kb = transposeB ? b.Dim(-1) : b.Dim(-2), n = transposeB ? b.Dim(-2) : b.Dim(-1);
        if (ka != kb)
            throw new ArgumentException($"Batched matrix product shapes {ShapeMath.Format(a.Shape)}{(transposeA ? "ᵀ" : "")} and {ShapeMath.Format(b.Shape)}{(transposeB ? "ᵀ" : "")} do not align: {ka} ≠ {kb}.");
        return (batch, m, n, ka);
    }
}
