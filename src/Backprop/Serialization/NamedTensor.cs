using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Backprop.Tensors;

namespace Backprop.Serialization;

/// <summary>A tensor as it lies in a safetensors file: a name, an element type, a shape and Π shape × size bytes of
/// little-endian values in row-major order. Converts to and from <see cref="Tensor{T}"/> bit for bit when the element
/// types match (NaN payloads and −0 included), and by IEEE rounding when they do not.</summary>
public sealed class NamedTensor
{
    private readonly int[] _shape;

    public NamedTensor(string name, DType dtype, ReadOnlySpan<int> shape, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (dtype.Name is null) throw new ArgumentException("A tensor needs an element type (DType.F32 or DType.F64).", nameof(dtype));
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Tensor '{name}' has a negative dimension in shape {ShapeMath.Format(shape)}.", nameof(shape));
            count = checked(count * d);
        }
        if (count * dtype.Size != data.Length)
            throw new ArgumentException($"Tensor '{name}' of shape {ShapeMath.Format(shape)} needs {count * dtype.Size} bytes of {dtype}; got {data.Length}.", nameof(data));
        Name = name;
        DType = dtype;
        _shape = shape.ToArray();
        Data = data;
    }

    public string Name { get; }
    public DType DType { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The raw little-endian bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Π Shape.</summary>
    public int ElementCount => Data.Length / DType.Size;

    /// <summary>A copy of <paramref name="tensor"/>'s values as F32 (float) or F64 (double) bytes.</summary>
    public static NamedTensor FromTensor<T>(string name, Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dtype = DType.Of<T>();
        var bytes = MemoryMarshal.AsBytes(tensor.AsReadOnlySpan()).ToArray();
        if (!BitConverter.IsLittleEndian) ReverseEachElement(bytes, dtype.Size);
        return new NamedTensor(name, dtype, tensor.Shape, bytes);
    }

    /// <summary>The values as a new tensor of <typeparamref name="T"/>: copied bit for bit when the file's type is
    /// <typeparamref name="T"/>'s, otherwise converted (F64 → float rounds to nearest).</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensor = Tensor<T>.Zeros(_shape);
        var destination = tensor.AsSpan();
        if (typeof(T) == typeof(float) && DType == DType.F32 || typeof(T) == typeof(double) && DType == DType.F64)
        {
            var bytes = MemoryMarshal.AsBytes(destination);
            Data.Span.CopyTo(bytes);
            if (!BitConverter.IsLittleEndian) ReverseEachElement(bytes, DType.Size);
        }
        else
        {
            var source = Data.Span;
            for (int i = 0; i < destination.Length; i++)
                destination[i] = DType == DType.F32
                    ? T.CreateChecked(BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]))
                    : T.CreateChecked(BinaryPrimitives.ReadDoubleLittleEndian(source[(i * 8)..]));
        }
        return tensor;
    }

    private static void ReverseEachElement(Span<byte> bytes, int size)
    {
        for (int i = 0; i < bytes.Length; i += size) bytes.Slice(i, size).Reverse();
    }

    public override string ToString() => $"{Name} {DType} {ShapeMath.Format(_shape)}";
}
