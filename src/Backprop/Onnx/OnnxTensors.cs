using Backprop.Onnx.Proto;
using Backprop.Serialization;

namespace Backprop.Onnx;

/// <summary>The constant tensors of an ONNX graph (initialisers and Constant nodes) by name, read as float32 values with
/// their shape: raw little-endian data or the typed float_data/double_data fields, each length checked against the shape.</summary>
internal sealed class OnnxTensors
{
    private readonly Dictionary<string, TensorProto> _tensors = new(StringComparer.Ordinal);
    private readonly string _source;

    public OnnxTensors(GraphProto graph, string source)
    {
        _source = source;
        foreach (var t in graph.Initializer) _tensors[t.Name] = t;
        foreach (var node in graph.Node)
            if (node.OpType == "Constant" && node.Output.Count == 1 && node.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } value)
                _tensors[node.Output[0]] = value;
    }

    public bool Contains(string name) => _tensors.ContainsKey(name);

    /// <summary>The values and shape of constant <paramref name="name"/>, which node <paramref name="node"/> uses as its
    /// <paramref name="role"/>.</summary>
    public (float[] Values, long[] Shape) Read(string name, NodeProto node, string role)
    {
        if (!_tensors.TryGetValue(name, out var t))
            throw Error(node, $"its {role} '{name}' is not a constant (an initialiser); Backprop imports layers whose parameters are constants");
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw Error(node, $"its {role} '{name}' is stored in an external data file, which Backprop does not read; save the model with its weights inside");
        var shape = t.Dims.ToArray();
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0 || d > int.MaxValue) throw Error(node, $"its {role} '{name}' has an impossible dimension {d}");
            count = checked(count * d);
        }
        var type = (TensorProto.Types.DataType)t.DataType;
        float[] values = type switch
        {
            TensorProto.Types.DataType.Float => t.RawData.Length > 0 ? Raw(t, 4, count, node, role, BitConverter.ToSingle) : t.FloatData.ToArray(),
            TensorProto.Types.DataType.Double => t.RawData.Length > 0
                ? Raw(t, 8, count, node, role, (b, i) => (float)BitConverter.ToDouble(b, i))
                : t.DoubleData.Select(v => (float)v).ToArray(),
            TensorProto.Types.DataType.Int64 => t.RawData.Length > 0 ? Raw(t, 8, count, node, role, (b, i) => BitConverter.ToInt64(b, i)) : t.Int64Data.Select(v => (float)v).ToArray(),
            _ => throw Error(node, $"its {role} '{name}' has element type {type}; Backprop imports float and double parameters"),
        };
        if (values.Length != count)
            throw Error(node, $"its {role} '{name}' holds {values.Length} values but its shape ({string.Join(", ", shape)}) needs {count} (a truncated or damaged file?)");
        return (values, shape);
    }

    /// <summary>The values of a tensor held in an attribute (e.g. ConstantOfShape's value), as float.</summary>
    public float[] Read(string key, TensorProto value, NodeProto node)
    {
        _tensors[key] = value;
        return Read(key, node, "value").Values;
    }

    /// <summary>The values of int64 constant <paramref name="name"/> (shapes, axes, indices).</summary>
    public long[] ReadInt64(string name, NodeProto node, string role)
    {
        if (!_tensors.TryGetValue(name, out var t) || t.DataType != (int)TensorProto.Types.DataType.Int64)
            throw Error(node, $"its {role} '{name}' is not an int64 constant; Backprop imports fixed {role}s");
        if (t.RawData.Length == 0) return t.Int64Data.ToArray();
        var bytes = t.RawData.ToByteArray();
        var values = new long[bytes.Length / 8];
        for (int i = 0; i < values.Length; i++) values[i] = BitConverter.ToInt64(bytes, i * 8);
        return values;
    }

    private float[] Raw(TensorProto t, int size, long count, NodeProto node, string role, Func<byte[], int, float> convert)
    {
        var bytes = t.RawData.ToByteArray();
        if (bytes.Length != count * size)
            throw Error(node, $"its {role} '{t.Name}' has {bytes.Length} bytes of data but its shape needs {count * size} (a truncated or damaged file?)");
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < bytes.Length; i += size) bytes.AsSpan(i, size).Reverse();
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = convert(bytes, i * size);
        return values;
    }

    public ModelFileException Error(NodeProto node, string reason) => new(_source, $"node '{node.Name}' ({node.OpType}): {reason}");
}
