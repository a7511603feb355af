namespace Backprop.Serialization;

/// <summary>The contents of a safetensors file, as <see cref="SafeTensorsReader"/> returns them after every length
/// and offset has been checked: the validated header and its tensors in header order.</summary>
public sealed record SafeTensorsFile(SafeTensorsHeader Header, IReadOnlyList<NamedTensor> Tensors)
{
    /// <summary>The header's <c>__metadata__</c> strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Header.Metadata;

    /// <summary>The tensor named <paramref name="name"/>, or null.</summary>
    public NamedTensor? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name);
}
