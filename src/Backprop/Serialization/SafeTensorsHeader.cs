namespace Backprop.Serialization;

/// <summary>A validated safetensors header: the <c>__metadata__</c> strings and the tensor entries in the order the
/// header lists them. <see cref="HeaderLength"/> is N (the JSON, padding included); the data section holds
/// <see cref="DataLength"/> bytes after the 8 + N header bytes.</summary>
public sealed record SafeTensorsHeader(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<TensorEntry> Tensors,
    long HeaderLength,
    long DataLength)
{
    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public TensorEntry? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name);
}
