using Backprop.Onnx.Proto;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>Appends nodes and initialisers to an ONNX <see cref="GraphProto"/> in topological order: each node's output is
/// named "<c>prefix/Op</c>" (made unique), so graphs read well in Netron and error messages can name the node.</summary>
internal sealed class OnnxGraphBuilder(GraphProto graph)
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GraphProto Graph { get; } = graph;

    private string? _timeLength;

    /// <summary>The graph input whose axis 1 (time) is dynamic (<see cref="OnnxExportOptions.VariableLength"/>), while the
    /// tensors still have that axis; null when T is fixed by the export's input shape (the shapes' time entry is then T
    /// itself, else only its upper bound).</summary>
    public string? VariableTime { get; set; }

    /// <summary>The int64 tensor [T] of the input's length, Shape(input, start 1, end 2), written at its first use.</summary>
    public string TimeLength()
    {
        var input = VariableTime ?? throw new InvalidOperationException("The time axis is fixed: T is the shape's entry.");
        return _timeLength ??= Node("Shape", "time_length", [input], [Int("start", 1), Int("end", 2)]);
    }

    /// <summary>The graph input when it holds int64 token ids rather than floats, which an embedding then gathers
    /// without a Cast.</summary>
    public string? TokenIds { get; set; }

    /// <summary>A name not used before: <paramref name="hint"/>, else hint_2, hint_3, ….</summary>
    public string Unique(string hint)
    {
        if (_names.Add(hint)) return hint;
        for (int k = 2; ; k++)
            if (_names.Add($"{hint}_{k}")) return $"{hint}_{k}";
    }

    /// <summary>Reserves a name chosen elsewhere (graph inputs and outputs).</summary>
    public void Reserve(string name) => _names.Add(name);

    /// <summary>A float32 constant of shape <paramref name="dims"/> (little-endian raw data, ONNX's compact form).</summary>
    public string Initializer(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), values[i]);
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < bytes.Length; i += 4) bytes.AsSpan(i, 4).Reverse();
        var tensor = new TensorProto { Name = Unique(hint), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add(dims);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An int64 constant (shapes for Reshape).</summary>
    public string Int64Initializer(string hint, params long[] values)
    {
        var tensor = new TensorProto { Name = Unique(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds node <paramref name="op"/>(inputs) named <paramref name="hint"/>; returns its one output's name
    /// (<paramref name="output"/> when given, e.g. the graph's output).</summary>
    public string Node(string op, string hint, IEnumerable<string> inputs, IEnumerable<AttributeProto>? attributes = null, string? output = null)
    {
        var name = Unique(hint);
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output ?? name);
        if (attributes is not null) node.Attribute.Add(attributes);
        Graph.Node.Add(node);
        return node.Output[0];
    }

    /// <summary>Adds a node with several outputs of which only output <paramref name="index"/> is used (the others are
    /// left unnamed, ONNX's "optional output omitted"); returns that output's name.</summary>
    public string NodeOutput(string op, string hint, IEnumerable<string> inputs, IEnumerable<AttributeProto> attributes, int index)
    {
        var name = Node(op, hint, inputs, attributes);
        var node = Graph.Node[^1];
        node.Output.Clear();
        node.Output.Add(Enumerable.Repeat("", index));
        node.Output.Add(name);
        return name;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }

    /// <summary>A value-info of <paramref name="type"/> whose axes are each a size (int) or a dynamic axis's name (string).</summary>
    public static ValueInfoProto Value(string name, TensorProto.Types.DataType type, IEnumerable<object> axes, string doc)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var axis in axes)
            tensorShape.Dim.Add(axis is string param ? new TensorShapeProto.Types.Dimension { DimParam = param } : new TensorShapeProto.Types.Dimension { DimValue = (int)axis });
        return new ValueInfoProto
        {
            Name = name,
            DocString = doc,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }
}
