namespace Backprop.Kernels;

/// <summary>One GEMM call's operands as raw pointers (the spans are pinned by the caller for the call's duration),
/// so that worker threads can share them.</summary>
internal readonly unsafe struct GemmJob<T>(bool transA, bool transB, int m, int n, int k,
    T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc) where T : unmanaged
{
    public readonly bool TransA = transA, TransB = transB;
    public readonly int M = m, N = n, K = k;
    public readonly T Alpha = alpha, Beta = beta;
    public readonly T* A = a, B = b, C = c;
    public readonly nint Lda = lda, Ldb = ldb, Ldc = ldc;
}
