namespace Backprop.Serialization;

/// <summary>One tensor as a safetensors header describes it: name, element type, shape, and its byte range
/// [Begin, End) relative to the start of the data section. Entries returned by the reader are already validated:
/// End − Begin = Π Shape × DType.Size, and the ranges tile the data section without gaps or overlaps.</summary>
public sealed record TensorEntry(string Name, DType DType, IReadOnlyList<int> Shape, long Begin, long End)
{
    /// <summary>Π Shape (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (int d in Shape) count *= d;
            return count;
        }
    }

    /// <summary>End − Begin.</summary>
    public long ByteLength => End - Begin;
}
