using System.Numerics;

namespace Backprop.Tests.Kernels;

/// <summary>The definition of GEMM, one element at a time and in double whatever the element type:
/// C[i,j] = α·Σₚ op(A)[i,p]·op(B)[p,j] + β·C[i,j] (β = 0 ignores C), row-major with row strides,
/// op(A) = A stored k×m when transA, op(B) = B stored n×k when transB. Also gives the scale
/// |α|·Σₚ|op(A)[i,p]·op(B)[p,j]| + |β·C[i,j]| that rounding errors are relative to.</summary>
public sealed class NaiveGemm<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _opA, _opBt;   // op(A) row-major m×k, op(B)ᵀ row-major n×k, as doubles
    private readonly int _k;
    private readonly double _alpha, _beta;

    public NaiveGemm(bool transA, bool transB, int m, int n, int k, T alpha, T[] a, int lda, T[] b, int ldb, T beta)
    {
        _k = k;
        _alpha = double.CreateChecked(alpha);
        _beta = double.CreateChecked(beta);
        _opA = new double[m * k];
        _opBt = new double[n * k];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
                _opA[i * k + p] = double.CreateChecked(transA ? a[p * lda + i] : a[i * lda + p]);
        for (int j = 0; j < n; j++)
            for (int p = 0; p < k; p++)
                _opBt[j * k + p] = double.CreateChecked(transB ? b[j * ldb + p] : b[p * ldb + j]);
    }

    /// <summary>The expected C[i,j] given its value <paramref name="c"/> before the call, and its error scale.</summary>
    public (double Value, double Scale) Element(int i, int j, T c)
    {
        var row = _opA.AsSpan(i * _k, _k);
        var column = _opBt.AsSpan(j * _k, _k);
        double sum = 0, magnitude = 0;
        for (int p = 0; p < row.Length; p++)
        {
            double product = row[p] * column[p];
            sum += product;
            magnitude += Math.Abs(product);
        }
        double old = _beta == 0 ? 0 : _beta * double.CreateChecked(c);
        return (_alpha * sum + old, Math.Abs(_alpha) * magnitude + Math.Abs(old));
    }
}
