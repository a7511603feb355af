using System.Numerics;
using Backprop.Randomness;

namespace Backprop.Tensors;

/// <summary>A dense, row-major n-dimensional array of float or double: element (i₀, …, iᵣ₋₁) lives at
/// Σ iₖ·strideₖ with strideₖ = Π shape[k+1..]. One generic code path serves both element types.
/// A tensor may be a view (reshape, a range of rows) sharing storage with another; views write through.
/// Gradient fields (<see cref="Grad"/>, <see cref="RequiresGrad"/>) are plain data here; the autograd engine fills them.</summary>
public sealed partial class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _storage;
    private readonly int _offset;
    private readonly int[] _shape;

    internal Tensor(T[] storage, int offset, int[] shape)
    {
        _storage = storage;
        _offset = offset;
        _shape = shape;
        Length = ShapeMath.Product(shape);
        if (offset < 0 || offset + Length > storage.Length)
            throw new ArgumentException($"Shape {ShapeMath.Format(shape)} needs {Length} elements from offset {offset}; storage has {storage.Length}.");
    }

    /// <summary>The dimensions, outermost first. A scalar has rank 0.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements, Π shape.</summary>
    public int Length { get; }

    /// <summary>Size of dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => _shape[ShapeMath.NormalizeAxis(axis, Rank)];

    /// <summary>The gradient ∂loss/∂this after <c>Backward()</c>, or null when none has flowed here (or it was zeroed).
    /// On a leaf (a parameter) it accumulates across backward passes until zeroed; on an interior tensor it holds the
    /// latest pass's gradient.</summary>
    public Tensor<T>? Grad
    {
        get => GradPass == 0 ? null : GradBuffer;
        set
        {
            GradBuffer = value;
            GradPass = value is null ? 0 : UserGradPass;
        }
    }

    /// <summary>Whether autograd tracks operations on this tensor (parameters and their descendants).</summary>
    public bool RequiresGrad { get; set; }

    // Autograd bookkeeping, kept here so that recording and back-propagation look nothing up (no allocation per step):
    // the op that produced this tensor, the gradient's storage (kept between passes), and the pass that last wrote it
    // (0: no gradient; the buffer is stale and is overwritten, not added to, by the next writer).
    internal object? Producer;
    internal Tensor<T>? GradBuffer;
    internal int GradPass;
    internal const int UserGradPass = -1;

    /// <summary>An optional label shown by <see cref="ToString"/> and in the computation-graph sample ("W1", "dZ2").</summary>
    public string? Name { get; set; }

    /// <summary>The elements in row-major order, writable (writes reach every view of the same storage).</summary>
    public Span<T> AsSpan() => _storage.AsSpan(_offset, Length);

    /// <summary>The elements, read-only.</summary>
    public ReadOnlySpan<T> AsReadOnlySpan() => new(_storage, _offset, Length);

    internal int[] ShapeArray => _shape;

    /// <summary>The element at a full index (slow: for inspection and tests, not for loops).</summary>
    public T this[params int[] index]
    {
        get => _storage[_offset + FlatIndex(index)];
        set => _storage[_offset + FlatIndex(index)] = value;
    }

    private int FlatIndex(int[] index)
    {
        if (index.Length != Rank)
            throw new ArgumentException($"Index has {index.Length} coordinates; tensor of shape {ShapeMath.Format(_shape)} needs {Rank}.");
        int flat = 0;
        for (int k = 0; k < Rank; k++)
        {
            if ((uint)index[k] >= (uint)_shape[k])
                throw new IndexOutOfRangeException($"Index {index[k]} is outside axis {k} of size {_shape[k]} (shape {ShapeMath.Format(_shape)}).");
            flat = flat * _shape[k] + index[k];
        }
        return flat;
    }

    /// <summary>The single element of a one-element tensor (a cost, a sum).</summary>
    public T ToScalar() => Length == 1
        ? _storage[_offset]
        : throw new InvalidOperationException($"ToScalar() needs exactly one element; shape {ShapeMath.Format(_shape)} has {Length}.");

    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] ToArray() => AsReadOnlySpan().ToArray();

    /// <summary>A deep copy with its own storage (no gradient).</summary>
    public Tensor<T> Clone() => new(ToArray(), 0, (int[])_shape.Clone()) { Name = Name };

    /// <summary>Copies <paramref name="source"/>'s elements into this tensor; shapes must match.</summary>
    public void CopyFrom(Tensor<T> source)
    {
        ShapeMath.RequireSame(source._shape, _shape, "CopyFrom");
        source.AsReadOnlySpan().CopyTo(AsSpan());
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value) => AsSpan().Fill(value);

    // ---- creation ----

    /// <summary>A tensor of zeros.</summary>
    public static Tensor<T> Zeros(params int[] shape) => new(new T[ShapeMath.Product(ShapeMath.Validate(shape))], 0, (int[])shape.Clone());

    /// <summary>A tensor of zeros with <paramref name="like"/>'s shape.</summary>
    public static Tensor<T> ZerosLike(Tensor<T> like) => Zeros(like._shape);

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, params int[] shape)
    {
        var t = Zeros(shape);
        t.Fill(value);
        return t;
    }

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor<T> Scalar(T value) => new([value], 0, []);

    /// <summary>A tensor with a copy of <paramref name="data"/> (row-major) in the given shape.</summary>
    public static Tensor<T> FromArray(T[] data, params int[] shape)
    {
        ShapeMath.Validate(shape);
        if (ShapeMath.Product(shape) != data.Length)
            throw new ArgumentException($"{data.Length} values cannot fill shape {ShapeMath.Format(shape)} ({ShapeMath.Product(shape)} elements).");
        return new((T[])data.Clone(), 0, (int[])shape.Clone());
    }

    /// <summary>A 1-D tensor of the given values.</summary>
    public static Tensor<T> Vector(params T[] values) => FromArray(values, values.Length);

    /// <summary>A 2-D tensor from a rectangular array, row by row.</summary>
    public static Tensor<T> FromRows(T[,] rows)
    {
        int m = rows.GetLength(0), n = rows.GetLength(1);
        var t = Zeros(m, n);
        var s = t.AsSpan();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) s[i * n + j] = rows[i, j];
        return t;
    }

    /// <summary>A 2-D tensor from jagged rows, which must all have the same length.</summary>
    public static Tensor<T> FromRows(T[][] rows)
    {
        int m = rows.Length, n = m == 0 ? 0 : rows[0].Length;
        var t = Zeros(m, n);
        for (int i = 0; i < m; i++)
        {
            if (rows[i].Length != n) throw new ArgumentException($"Row {i} has {rows[i].Length} values; row 0 has {n}.");
            rows[i].CopyTo(t.AsSpan().Slice(i * n, n));
        }
        return t;
    }

    /// <summary>start, start+step, … up to but excluding stop (NumPy's arange).</summary>
    public static Tensor<T> Arange(T start, T stop, T step)
    {
        if (step == T.Zero) throw new ArgumentException("Arange needs a non-zero step.", nameof(step));
        T count = T.Ceiling((stop - start) / step);
        if (T.IsNaN(count) || double.CreateChecked(count) > Array.MaxLength)
            throw new ArgumentException($"Arange({start}, {stop}, {step}) has no finite length that fits in an array.");
        int n = Math.Max(0, int.CreateChecked(T.Max(count, T.Zero)));
        var t = Zeros(n);
        var s = t.AsSpan();
        for (int i = 0; i < n; i++) s[i] = start + T.CreateChecked(i) * step;
        return t;
    }

    /// <summary>Standard normal draws in row-major order, like NumPy's <c>randn(*shape)</c> on the same generator.</summary>
    public static Tensor<T> RandomNormal(NumpyRandom random, params int[] shape)
    {
        var t = Zeros(shape);
        var s = t.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = T.CreateChecked(random.NextGaussian());
        return t;
    }

    /// <summary>Uniform draws in [0, 1) in row-major order, like NumPy's <c>rand(*shape)</c>.</summary>
    public static Tensor<T> RandomUniform(NumpyRandom random, params int[] shape)
    {
        var t = Zeros(shape);
        var s = t.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = T.CreateChecked(random.NextDouble());
        return t;
    }

    /// <summary>This tensor's elements converted to another element type.</summary>
    public Tensor<TOther> Cast<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var t = Tensor<TOther>.Zeros(_shape);
        var src = AsReadOnlySpan();
        var dst = t.AsSpan();
        for (int i = 0; i < src.Length; i++) dst[i] = TOther.CreateChecked(src[i]);
        return t;
    }
}
