namespace Backprop.Distributed;

/// <summary>Rank r's part of every global batch among N ranks: rows r, r + N, r + 2N, … of the batch, so a batch of b rows
/// gives rank r ⌈(b − r)/N⌉ of them (none when b ≤ r) and the parts of all ranks are the batch, each row once. Every rank
/// draws the same shuffled order, so the global batches are the single-process ones.</summary>
public readonly record struct Shard
{
    public Shard(int rank, int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A shard needs at least one rank.");
        if (rank < 0 || rank >= size) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"The rank must be in 0 … {size - 1}.");
        (Rank, Size) = (rank, size);
    }

    /// <summary>r.</summary>
    public int Rank { get; }

    /// <summary>N.</summary>
    public int Size { get; }

    /// <summary>The whole batch (rank 0 of 1).</summary>
    public static Shard Whole => new(0, 1);

    /// <summary>True for the whole batch.</summary>
    public bool IsWhole => Size <= 1;

    /// <summary>This rank's shard of every batch.</summary>
    public static Shard Of(ICommunicator communicator)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        return new Shard(communicator.Rank, communicator.Size);
    }

    /// <summary>⌈(b − r)/N⌉ for b &gt; r, else 0: the rows this rank takes of a batch of <paramref name="batchRows"/>.</summary>
    public int RowsOf(int batchRows) => batchRows <= Rank ? 0 : (batchRows - Rank + Size - 1) / Size;

    /// <summary>local[i] = batch[r + i·N]: this rank's rows of a batch given as the rows it holds.</summary>
    public void Select(ReadOnlySpan<int> batch, Span<int> local)
    {
        int count = RowsOf(batch.Length);
        if (local.Length != count) throw new ArgumentException($"Rank {Rank} of {Size} takes {count} rows of a batch of {batch.Length}, not {local.Length}.", nameof(local));
        for (int i = 0; i < count; i++) local[i] = batch[Rank + i * Size];
    }

    /// <summary>local[i] = start + r + i·N: this rank's rows of the consecutive batch start … start + count − 1.</summary>
    public void Select(int start, int count, Span<int> local)
    {
        int rows = RowsOf(count);
        if (local.Length != rows) throw new ArgumentException($"Rank {Rank} of {Size} takes {rows} rows of a batch of {count}, not {local.Length}.", nameof(local));
        for (int i = 0; i < rows; i++) local[i] = start + Rank + i * Size;
    }

    public override string ToString() => $"rank {Rank} of {Size}";
}
