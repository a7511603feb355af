using System.Numerics;

namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>The same elements in another shape (a view; one dimension may be −1 and is inferred).</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        var s = (int[])shape.Clone();
        int infer = Array.IndexOf(s, -1);
        if (infer >= 0)
        {
            int known = 1;
            for (int k = 0; k < s.Length; k++) if (k != infer) known *= s[k];
            if (known == 0 || Length % known != 0)
                throw new ArgumentException($"Cannot reshape {ShapeMath.Format(_shape)} ({Length} elements) to {ShapeMath.Format(shape)}.");
            s[infer] = Length / known;
        }
        ShapeMath.Validate(s);
        if (ShapeMath.Product(s) != Length)
            throw new ArgumentException($"Cannot reshape {ShapeMath.Format(_shape)} ({Length} elements) to {ShapeMath.Format(shape)}.");
        return new(_storage, _offset, s);
    }

    /// <summary>Rows <paramref name="start"/> … start+count−1 along axis 0, as a view (a mini-batch).</summary>
    public Tensor<T> Rows(int start, int count)
    {
        if (Rank == 0) throw new InvalidOperationException("A scalar has no rows.");
        if (start < 0 || count < 0 || start + count > _shape[0])
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows {start}..{start + count - 1} are outside axis 0 of size {_shape[0]}.");
        var s = (int[])_shape.Clone();
        s[0] = count;
        return new(_storage, _offset + start * (Length / Math.Max(_shape[0], 1)), s);
    }

    /// <summary>Row <paramref name="index"/> along axis 0 with that axis removed (a view).</summary>
    public Tensor<T> Row(int index) => Rows(index, 1).Reshape(_shape[1..]);

    /// <summary>Copies the rows listed in <paramref name="indices"/> (a shuffled mini-batch) into a new tensor.</summary>
    public Tensor<T> GatherRows(ReadOnlySpan<int> indices)
    {
        var s = (int[])_shape.Clone();
        s[0] = indices.Length;
        var result = Zeros(s);
        GatherRowsInto(indices, result);
        return result;
    }

    /// <summary>Copies the rows listed in <paramref name="indices"/> into <paramref name="destination"/> (no allocation).</summary>
    public void GatherRowsInto(ReadOnlySpan<int> indices, Tensor<T> destination)
    {
        int rowLength = _shape[0] == 0 ? 0 : Length / _shape[0];
        if (destination.Length != indices.Length * rowLength)
            throw new ArgumentException($"Destination {ShapeMath.Format(destination._shape)} cannot hold {indices.Length} rows of {rowLength}.");
        var src = AsReadOnlySpan();
        var dst = destination.AsSpan();
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)_shape[0]) throw new IndexOutOfRangeException($"Row {r} is outside axis 0 of size {_shape[0]}.");
            src.Slice(r * rowLength, rowLength).CopyTo(dst.Slice(i * rowLength, rowLength));
        }
    }

    /// <summary>The transpose of a matrix (a copy): result[j, i] = this[i, j]. A vector or scalar is returned as is.</summary>
    public Tensor<T> Transpose()
    {
        if (Rank < 2) return this;
        if (Rank > 2) throw new InvalidOperationException($"Transpose needs a matrix; shape {ShapeMath.Format(_shape)} has rank {Rank}.");
        int m = _shape[0], n = _shape[1];
        var result = Zeros(n, m);
        var src = AsReadOnlySpan();
        var dst = result.AsSpan();
        const int Block = 32; // tiles keep both the read and the write side in cache
        for (int i0 = 0; i0 < m; i0 += Block)
            for (int j0 = 0; j0 < n; j0 += Block)
                for (int i = i0; i < Math.Min(i0 + Block, m); i++)
                    for (int j = j0; j < Math.Min(j0 + Block, n); j++)
                        dst[j * m + i] = src[i * n + j];
        return result;
    }

    /// <summary>Joins tensors along <paramref name="axis"/>; all other dimensions must agree.</summary>
    public static Tensor<T> Concat(int axis, params Tensor<T>[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("Concat needs at least one tensor.");
        int rank = parts[0].Rank, a = ShapeMath.NormalizeAxis(axis, rank);
        var shape = (int[])parts[0]._shape.Clone();
        shape[a] = 0;
        foreach (var p in parts)
        {
            if (p.Rank != rank) throw new ArgumentException($"Concat: shapes {ShapeMath.Format(parts[0]._shape)} and {ShapeMath.Format(p._shape)} differ in rank.");
            for (int k = 0; k < rank; k++)
                if (k != a && p._shape[k] != parts[0]._shape[k])
                    throw new ArgumentException($"Concat along axis {a}: shapes {ShapeMath.Format(parts[0]._shape)} and {ShapeMath.Format(p._shape)} differ on axis {k}.");
            shape[a] += p._shape[a];
        }
        var result = Zeros(shape);
        var (outer, _, inner) = result.Split(a);
        var dst = result.AsSpan();
        int offset = 0;
        for (int o = 0; o < outer; o++)
            foreach (var p in parts)
            {
                int chunk = p._shape[a] * inner;
                p.AsReadOnlySpan().Slice(o * chunk, chunk).CopyTo(dst.Slice(offset, chunk));
                offset += chunk;
            }
        return result;
    }
}
