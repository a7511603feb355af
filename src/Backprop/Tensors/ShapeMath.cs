namespace Backprop.Tensors;

/// <summary>Shape arithmetic: element counts, NumPy broadcasting rules, axis normalisation, and formatting for errors.</summary>
public static class ShapeMath
{
    /// <summary>Π shape (1 for a scalar).</summary>
    public static int Product(ReadOnlySpan<int> shape)
    {
        if (shape.Contains(0)) return 0;
        // Check after every factor: four dims of 65536 make 2⁶⁴, which wraps a long to 0.
        long p = 1;
        foreach (int d in shape)
        {
            p *= d;
            if (Math.Abs(p) > Array.MaxLength)
                throw new ArgumentException($"Shape {Format(shape)} has more elements than an array can hold ({Array.MaxLength}).");
        }
        return (int)p;
    }

    /// <summary>Throws if any dimension is negative; returns the shape.</summary>
    public static int[] Validate(int[] shape)
    {
        foreach (int d in shape)
            if (d < 0) throw new ArgumentException($"Shape {Format(shape)} has a negative dimension.");
        return shape;
    }

    /// <summary>"(2, 3)" as NumPy prints shapes; "()" for a scalar.</summary>
    public static string Format(ReadOnlySpan<int> shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.ToArray()) + ")";

    /// <summary>Maps a negative axis to its positive form and checks its range.</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis {axis} is out of range for rank {rank}.");
        return a;
    }

    /// <summary>NumPy broadcasting: align shapes on the right; each pair of dimensions must be equal or one of them 1.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            int da = k < rank - a.Length ? 1 : a[k - (rank - a.Length)];
            int db = k < rank - b.Length ? 1 : b[k - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"Shapes {Format(a)} and {Format(b)} cannot be broadcast together (axis {k}: {da} vs {db}).");
            result[k] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides of <paramref name="shape"/> when broadcast to <paramref name="target"/> (0 on stretched axes).</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        var strides = new int[target.Length];
        int stride = 1, shift = target.Length - shape.Length;
        for (int k = target.Length - 1; k >= 0; k--)
        {
            int d = k < shift ? 1 : shape[k - shift];
            strides[k] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }

    /// <summary>Throws unless the two shapes are identical.</summary>
    public static void RequireSame(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string operation)
    {
        if (!a.SequenceEqual(b)) throw new ArgumentException($"{operation}: shapes {Format(a)} and {Format(b)} differ.");
    }
}
