using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Mini-batches of in-memory (X, Y): views of consecutive rows when unshuffled; otherwise rows gathered by the
/// epoch's permutation (NumPy's <c>permutation(m)</c> from <c>shuffle</c>) into buffers allocated once (the last, smaller
/// batch uses a view of them). Batches may be asked for in any order.</summary>
public sealed class TensorBatchSource<T> : IBatchSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T> _x, _y;
    private readonly int _batch;
    private readonly NumpyRandom? _shuffle;
    private readonly Tensor<T>? _xBuffer, _yBuffer, _xTail, _yTail;
    private int[]? _order;

    /// <summary>Batches of <paramref name="batch"/> rows of X and Y (one row per example each); unshuffled when
    /// <paramref name="shuffle"/> is null.</summary>
    public TensorBatchSource(Tensor<T> x, Tensor<T> y, int batch, NumpyRandom? shuffle)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0 || x.Dim(0) != y.Dim(0))
            throw new ArgumentException($"X has shape {ShapeMath.Format(x.Shape)} and Y {ShapeMath.Format(y.Shape)}; both need one row per example.");
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must be ≥ 1.");
        (_x, _y, _batch, _shuffle) = (x, y, batch, shuffle);
        if (shuffle is null) return;
        _xBuffer = Tensor<T>.Zeros([batch, .. x.Shape[1..]]);
        _yBuffer = Tensor<T>.Zeros([batch, .. y.Shape[1..]]);
        int tail = x.Dim(0) % batch;
        if (tail > 0) { _xTail = _xBuffer.Rows(0, tail); _yTail = _yBuffer.Rows(0, tail); }
    }

    public int Count => _x.Dim(0);

    public int BatchSize => _batch;

    public void StartEpoch()
    {
        if (_shuffle is not null) _order = _shuffle.Permutation(_x.Dim(0));
    }

    public (Tensor<T> X, Tensor<T> Y) Batch(int index)
    {
        int m = _x.Dim(0), start = index * _batch, count = Math.Min(_batch, m - start);
        if (_order is null)
            return count == m ? (_x, _y) : (_x.Rows(start, count), _y.Rows(start, count));
        var rows = _order.AsSpan(start, count);
        var xb = count == _batch ? _xBuffer! : _xTail!;
        var yb = count == _batch ? _yBuffer! : _yTail!;
        _x.GatherRowsInto(rows, xb);
        _y.GatherRowsInto(rows, yb);
        return (xb, yb);
    }
}
