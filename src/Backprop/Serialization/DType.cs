using System.Numerics;

namespace Backprop.Serialization;

/// <summary>A tensor element type as the safetensors header names it ("F32", "F64") with its size in bytes.
/// Backprop reads and writes the two IEEE types its tensors use; other safetensors types are reported as unsupported.</summary>
public readonly record struct DType
{
    private DType(string name, int size)
    {
        Name = name;
        Size = size;
    }

    /// <summary>IEEE 754 binary32, little-endian (C#'s <see cref="float"/>).</summary>
    public static DType F32 { get; } = new("F32", sizeof(float));

    /// <summary>IEEE 754 binary64, little-endian (C#'s <see cref="double"/>).</summary>
    public static DType F64 { get; } = new("F64", sizeof(double));

    /// <summary>The header's name for the type.</summary>
    public string Name { get; }

    /// <summary>Bytes per element.</summary>
    public int Size { get; }

    /// <summary>The type stored for tensors of <typeparamref name="T"/>: F32 for float, F64 for double.</summary>
    public static DType Of<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? F32
        : typeof(T) == typeof(double) ? F64
        : throw new NotSupportedException($"Tensors of {typeof(T).Name} cannot be stored; use float (F32) or double (F64).");

    /// <summary>Looks a header name up (case-sensitive, as the format defines it).</summary>
    public static bool TryParse(string? name, out DType dtype)
    {
        dtype = name switch { "F32" => F32, "F64" => F64, _ => default };
        return dtype.Name is not null;
    }

    public override string ToString() => Name ?? "(none)";
}
