using System.Numerics;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>C = α·op(A)·op(B) + β·C for row-major matrices, op(X) = X or Xᵀ.
/// op(A) is m×k, op(B) is k×n, C is m×n; lda, ldb, ldc are row strides of A, B and C as stored.</summary>
public static class Gemm
{
    /// <summary>Upper bound on threads (tests and benchmarks set 1 or 2); results are identical for any value.</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && k > 0)
            GemmDirect.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, MaxThreads);
        else
            GemmDirect.Naive(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static void Check(bool transA, bool transB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"GEMM sizes must be ≥ 0; got m={m}, n={n}, k={k}.");
        (int aRows, int aCols) = transA ? (k, m) : (m, k);
        (int bRows, int bCols) = transB ? (n, k) : (k, n);
        Need("A", aRows, aCols, lda, aLength);
        Need("B", bRows, bCols, ldb, bLength);
        Need("C", m, n, ldc, cLength);
    }

    private static void Need(string name, int rows, int cols, int ld, int length)
    {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) throw new ArgumentException($"GEMM: {name} has {cols} columns but row stride {ld}.");
        long need = (long)(rows - 1) * ld + cols;
        if (length < need) throw new ArgumentException($"GEMM: {name} ({rows}×{cols}, stride {ld}) needs {need} elements; got {length}.");
    }
}
