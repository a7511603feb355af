using System.Numerics;
using Backprop.Distributed;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Mini-batches of in-memory (X, Y): views of consecutive rows when unshuffled; otherwise rows gathered by the
/// epoch's permutation (NumPy's <c>permutation(m)</c> from <c>shuffle</c>) into buffers allocated once (the last, smaller
/// batch uses a view of them). Batches may be asked for in any order. With a <see cref="Distributed.Shard"/> of N ranks,
/// each batch is rank r's rows r, r + N, … of the global batch: gathered each epoch when shuffled, gathered once per
/// batch when not (they never change; together they hold 1/N of the data); <see cref="Count"/> and
/// <see cref="BatchSize"/> stay the global ones.</summary>
public sealed class TensorBatchSource<T> : IBatchSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T> _x, _y;
    private readonly int _batch;
    private readonly NumpyRandom? _shuffle;
    private readonly Shard _shard;
    private readonly Tensor<T>? _xBuffer, _yBuffer, _xTail, _yTail;
    private readonly int[]? _rows;
    private readonly (Tensor<T> X, Tensor<T> Y)?[]? _fixed;
    private int[]? _order;

    /// <summary>Batches of <paramref name="batch"/> rows of X and Y (one row per example each); unshuffled when
    /// <paramref name="shuffle"/> is null; this rank's part of each batch when <paramref name="shard"/> has several ranks.</summary>
    public TensorBatchSource(Tensor<T> x, Tensor<T> y, int batch, NumpyRandom? shuffle, Shard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0 || x.Dim(0) != y.Dim(0))
            throw new ArgumentException($"X has shape {ShapeMath.Format(x.Shape)} and Y {ShapeMath.Format(y.Shape)}; both need one row per example.");
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must be ≥ 1.");
        (_x, _y, _batch, _shuffle, _shard) = (x, y, batch, shuffle, shard ?? Shard.Whole);
        if (shuffle is null && _shard.IsWhole) return;
        int full = _shard.RowsOf(Math.Min(batch, x.Dim(0)));
        if (!_shard.IsWhole) _rows = new int[full];
        if (shuffle is null) { _fixed = new (Tensor<T>, Tensor<T>)?[(x.Dim(0) + batch - 1) / batch]; return; }
        // Shuffled: one buffer of a full batch's rows (and a view for the last, smaller batch), refilled each batch.
        _xBuffer = Tensor<T>.Zeros([full, .. x.Shape[1..]]);
        _yBuffer = Tensor<T>.Zeros([full, .. y.Shape[1..]]);
        int tail = _shard.RowsOf(x.Dim(0) % batch);
        (_xTail, _yTail) = (_xBuffer.Rows(0, tail), _yBuffer.Rows(0, tail));
    }

    public int Count => _x.Dim(0);

    public int BatchSize => _batch;

    /// <summary>The part of each global batch this source hands out.</summary>
    public Shard Shard => _shard;

    public void StartEpoch()
    {
        if (_shuffle is not null) _order = _shuffle.Permutation(_x.Dim(0));
    }

    public (Tensor<T> X, Tensor<T> Y) Batch(int index)
    {
        int m = _x.Dim(0), start = index * _batch, count = Math.Min(_batch, m - start);
        if (_order is null && _rows is null)
            return count == m ? (_x, _y) : (_x.Rows(start, count), _y.Rows(start, count));
        if (_fixed is not null)
        {
            if (_fixed[index] is { } kept) return kept;
            var local = _rows.AsSpan(0, _shard.RowsOf(count));
            _shard.Select(start, count, local);
            var batchOfShard = (_x.GatherRows(local), _y.GatherRows(local));
            _fixed[index] = batchOfShard;
            return batchOfShard;
        }
        bool full = count == Math.Min(_batch, m);
        var xb = full ? _xBuffer! : _xTail!;
        var yb = full ? _yBuffer! : _yTail!;
        ReadOnlySpan<int> rows;
        if (_rows is null) rows = _order.AsSpan(start, count);
        else
        {
            var local = _rows.AsSpan(0, _shard.RowsOf(count));
            _shard.Select(_order.AsSpan(start, count), local);
            rows = local;
        }
        _x.GatherRowsInto(rows, xb);
        _y.GatherRowsInto(rows, yb);
        return (xb, yb);
    }
}
