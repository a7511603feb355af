using System.Numerics;

namespace Backprop.Kernels;

/// <summary>softmax(x)ᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x), one row at a time. Subtracting the row max keeps
/// every exponent ≤ 0, so nothing overflows; log-softmax = (x − max) − ln Σ e^(x − max).</summary>
public static class Softmax
{
    /// <summary>Row-wise softmax of a rows×cols matrix (in place allowed).</summary>
    public static void Rows<T>(ReadOnlySpan<T> x, Span<T> dst, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x, dst, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * cols, cols);
            var dr = dst.Slice(r * cols, cols);
            T max = Reductions.Max(xr);
            Elementwise.BinaryScalarRight<T, SubtractOperator<T>>(xr, max, dr);
            Elementwise.Unary<T, ExpOperator<T>>(dr, dr);
            T sum = Reductions.Sum<T>(dr);
            Elementwise.BinaryScalarRight<T, DivideOperator<T>>(dr, sum, dr);
        }
    }

    /// <summary>Row-wise log-softmax of a rows×cols matrix (in place allowed).</summary>
    public static void LogRows<T>(ReadOnlySpan<T> x, Span<T> dst, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x, dst, rows, cols);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * cols, cols);
            var dr = dst.Slice(r * cols, cols);
            T max = Reductions.Max(xr);
            // (x − max) − ln Σ, not x − (max + ln Σ): adding ln Σ to a large max first would round it to the
            // max's ulp (log-softmax of [1000, 1000, 1000] would miss −ln 3 by 5e-14).
            Elementwise.BinaryScalarRight<T, SubtractOperator<T>>(xr, max, dr);
            T sum = Reductions.SumOf<T, ExpOperator<T>>(dr);
            Elementwise.BinaryScalarRight<T, SubtractOperator<T>>(dr, T.Log(sum), dr);
        }
    }

    private static void Check<T>(ReadOnlySpan<T> x, Span<T> dst, int rows, int cols)
    {
        if (rows < 0 || cols < 0 || x.Length < rows * cols || dst.Length < rows * cols)
            throw new ArgumentException($"Softmax of {rows}×{cols} needs {rows * cols} elements; got {x.Length} in, {dst.Length} out.");
    }
}
