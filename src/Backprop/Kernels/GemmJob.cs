namespace Backprop.Kernels;

/// <summary>One GEMM call's operands as raw pointers (the spans are pinned by the caller for the call's duration),
/// so that worker threads can share them. With <see cref="TransC"/> the job computes Cᵀ = op(B)ᵀ·op(A)ᵀ into a C that
/// is stored transposed (element (i, j) of the job at C[j·ldc + i]); see <see cref="Transposed"/>.</summary>
internal readonly unsafe struct GemmJob<T>(bool transA, bool transB, int m, int n, int k,
    T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc, bool transC = false) where T : unmanaged
{
    public readonly bool TransA = transA, TransB = transB, TransC = transC;
    public readonly int M = m, N = n, K = k;
    public readonly T Alpha = alpha, Beta = beta;
    public readonly T* A = a, B = b, C = c;
    public readonly nint Lda = lda, Ldb = ldb, Ldc = ldc;

    /// <summary>Where the job's C element (i, j) lies.</summary>
    public T* CAt(int i, int j) => TransC ? C + j * Ldc + i : C + i * Ldc + j;

    /// <summary>The same product as Cᵀ = op(B)ᵀ·op(A)ᵀ: m and n swap, op(B)ᵀ becomes the left operand (stored as B is,
    /// so its transpose flag flips) and op(A)ᵀ the right. Each C element keeps its k order, so the result is the same bits.</summary>
    public GemmJob<T> Transposed() =>
        new(!TransB, !TransA, N, M, K, Alpha, B, (int)Ldb, A, (int)Lda, Beta, C, (int)Ldc, !TransC);
}
