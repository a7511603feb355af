using System.Numerics;
using Backprop.Distributed;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>One rank's part of the global batches of any source: batch k is rows r, r + N, … of the source's batch k
/// (<see cref="Distributed.Shard"/>), gathered into buffers allocated once per shape. The source still produces (decodes,
/// for an image stream) the whole global batch on every rank; <see cref="TensorBatchSource{T}"/> shards in place instead.</summary>
public sealed class ShardedBatchSource<T> : IBatchSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IBatchSource<T> _source;
    private readonly int[] _all, _rows;
    private readonly RowBuffer _x = new(), _y = new();

    public ShardedBatchSource(IBatchSource<T> source, Shard shard)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Shard.IsWhole) throw new ArgumentException($"The source already hands out a shard ({source.Shard}); shard it once.", nameof(source));
        (_source, Shard) = (source, shard);
        _all = Enumerable.Range(0, source.BatchSize).ToArray();
        _rows = new int[shard.RowsOf(source.BatchSize)];
    }

    public int Count => _source.Count;

    public int BatchSize => _source.BatchSize;

    public Shard Shard { get; }

    public void StartEpoch() => _source.StartEpoch();

    public (Tensor<T> X, Tensor<T> Y) Batch(int index)
    {
        var (x, y) = _source.Batch(index);
        int count = x.Dim(0);
        if (count > _all.Length) throw new InvalidOperationException($"Batch {index} has {count} rows, more than the source's batch size {_all.Length}.");
        var rows = _rows.AsSpan(0, Shard.RowsOf(count));
        Shard.Select(_all.AsSpan(0, count), rows);
        return (_x.Gather(x, rows, _rows.Length), _y.Gather(y, rows, _rows.Length));
    }

    /// <summary>A buffer of one rank's full batch and a view of its first rows for a smaller (last) batch, made when the
    /// source's shapes first come and again only if they change, so steady epochs allocate nothing.</summary>
    private sealed class RowBuffer
    {
        private Tensor<T>? _full, _part;

        public Tensor<T> Gather(Tensor<T> batch, ReadOnlySpan<int> rows, int fullRows)
        {
            if (_full is null || !_full.Shape[1..].SequenceEqual(batch.Shape[1..])) (_full, _part) = (Tensor<T>.Zeros([fullRows, .. batch.Shape[1..]]), null);
            var target = rows.Length == fullRows ? _full : _part is not null && _part.Dim(0) == rows.Length ? _part : _part = _full.Rows(0, rows.Length);
            batch.GatherRowsInto(rows, target);
            return target;
        }
    }
}
