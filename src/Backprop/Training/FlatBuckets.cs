using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Training;

/// <summary>Tensors laid end to end in one flat index space of L = Σ lengths, cut into buckets of at most C elements, with
/// one reused buffer of min(L, C): bucket k holds flat elements k·C … min((k+1)·C, L) − 1, and segment s (a tensor of
/// length n_s starting at o_s = Σ_{t&lt;s} n_t) puts there the part of itself that overlaps. Packing every segment into a
/// bucket, one collective on the bucket and unpacking is PyTorch DDP's gradient bucket: one call per bucket instead of one
/// per tensor, and a small model is one bucket. Nothing is allocated after construction.</summary>
internal sealed class FlatBuckets<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly long[] _offsets;
    private readonly T[] _buffer;

    /// <param name="lengths">n_s of each segment, in order.</param>
    /// <param name="capacity">C, the most elements a bucket holds (≥ 1).</param>
    public FlatBuckets(IReadOnlyList<int> lengths, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _offsets = new long[lengths.Count + 1];
        for (int s = 0; s < lengths.Count; s++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(lengths[s]);
            _offsets[s + 1] = _offsets[s] + lengths[s];
        }
        Capacity = capacity;
        Count = Total == 0 ? 0 : checked((int)((Total + capacity - 1) / capacity));
        _buffer = new T[Math.Min(Total, capacity)];
    }

    /// <summary>L, the elements of all segments.</summary>
    public long Total => _offsets[^1];

    /// <summary>C.</summary>
    public int Capacity { get; }

    /// <summary>⌈L / C⌉ buckets.</summary>
    public int Count { get; }

    /// <summary>The segments.</summary>
    public int Segments => _offsets.Length - 1;

    /// <summary>Bucket <paramref name="k"/>: the reused buffer's first min(C, L − k·C) elements.</summary>
    public Span<T> Bucket(int k) => _buffer.AsSpan(0, (int)(Math.Min(Total, (k + 1L) * Capacity) - (long)k * Capacity));

    /// <summary>Bucket k ← the part of segment <paramref name="s"/> that falls in it.</summary>
    public void Pack(int k, int s, ReadOnlySpan<T> segment)
    {
        if (Overlap(k, s, segment.Length, out int from, out int to, out int count)) segment.Slice(from, count).CopyTo(_buffer.AsSpan(to, count));
    }

    /// <summary>Bucket k ← w · (the part of segment <paramref name="s"/> that falls in it): one rounding per element.</summary>
    public void Pack(int k, int s, ReadOnlySpan<T> segment, T w)
    {
        if (Overlap(k, s, segment.Length, out int from, out int to, out int count)) TensorPrimitives.Multiply(segment.Slice(from, count), w, _buffer.AsSpan(to, count));
    }

    /// <summary>Segment <paramref name="s"/>'s part in bucket k ← the bucket.</summary>
    public void Unpack(int k, int s, Span<T> segment)
    {
        if (Overlap(k, s, segment.Length, out int from, out int to, out int count)) _buffer.AsSpan(to, count).CopyTo(segment.Slice(from, count));
    }

    /// <summary>The overlap of segment s with bucket k: <paramref name="count"/> elements from index <paramref name="from"/>
    /// of the segment to index <paramref name="to"/> of the bucket.</summary>
    public bool Overlap(int k, int s, int length, out int from, out int to, out int count)
    {
        if (length != _offsets[s + 1] - _offsets[s])
            throw new ArgumentException($"Segment {s} has {_offsets[s + 1] - _offsets[s]} elements, not {length}.", nameof(length));
        long start = (long)k * Capacity, end = Math.Min(Total, start + Capacity);
        long lo = Math.Max(start, _offsets[s]), hi = Math.Min(end, _offsets[s + 1]);
        (from, to, count) = ((int)(lo - _offsets[s]), (int)(lo - start), (int)Math.Max(0, hi - lo));
        return count > 0;
    }
}
