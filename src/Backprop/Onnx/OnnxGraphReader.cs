using System.Numerics;
using Backprop.Layers;
using Backprop.Onnx.Proto;
using Backprop.Ops.Activations;
using Backprop.Serialization;

namespace Backprop.Onnx;

/// <summary>Reads a chain of ONNX nodes x → … → y back into layers, the inverse of <see cref="OnnxModuleWriter"/> plus the
/// forms torch.onnx.export writes for an MLP: Gemm(X, W, b) (transB 0 or 1) or MatMul(X, W) [+ Add(b)] → Dense with
/// W[l] = (n[l], n[l−1]); an activation right after a dense layer becomes that layer's g; Relu, Sigmoid, Tanh, LeakyRelu,
/// Softmax (last axis) → activations; BatchNormalization in inference mode (alone on 2-D, between channel Transposes on
/// N-D) → BatchNorm; Identity, Dropout and Flatten of a matrix → nothing. Image, shape, sequence and transformer layers are in the
/// partial files (.Convolution, .Shapes, .Recurrent, .Attention). Shapes are checked as it goes.</summary>
internal sealed partial class OnnxGraphReader<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly OnnxTensors _constants;
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly List<Module<T>> _layers = [];
    /// <summary>Slice(constant, 0, T) outputs of a variable-length export → the constant (a table or mask for T_max).</summary>
    private readonly Dictionary<string, string> _slices = new(StringComparer.Ordinal);
    private string _source = "";
    /// <summary>One example's shape (no batch axis), channels last (H, W, C) for images whatever the ONNX layout.</summary>
    private int[] _shape;

    public OnnxGraphReader(GraphProto graph, OnnxTensors constants, int[] exampleShape)
    {
        _constants = constants;
        _shape = exampleShape;
        var zeroState = ZeroStateNodes(graph);
        zeroState.UnionWith(TimeLengthNodes(graph));
        foreach (var node in graph.Node.Where(n => !zeroState.Contains(n)))
            foreach (var input in node.Input)
            {
                if (!_consumers.TryGetValue(input, out var list)) _consumers[input] = list = [];
                if (!list.Contains(node)) list.Add(node);
            }
    }

    /// <summary>The layers from tensor <paramref name="start"/> until tensor <paramref name="end"/>.</summary>
    public List<Module<T>> Read(string start, string end, string source)
    {
        _source = source;
        var current = start;
        if (_shape.Length == 3 && Single(current, source).OpType is "Conv" or "MaxPool" or "AveragePool") StartChannelsFirst(source);
        while (current != end) current = Branch(current) ?? Layer(Single(current, source));
        return _layers;
    }

    /// <summary>The layers from node <paramref name="first"/> until tensor <paramref name="end"/>, taken off the list
    /// (the parts of a composite layer).</summary>
    private List<Module<T>> ReadFrom(NodeProto first, string end)
    {
        int count = _layers.Count;
        var current = Layer(first);
        while (current != end) current = Branch(current) ?? Layer(Single(current, _source));
        var parts = _layers[count..];
        _layers.RemoveRange(count, parts.Count);
        return parts;
    }

    /// <summary>A variable-length export's Shape(input, start 1, end 2) and what uses it only to Slice constants to T
    /// (Concat of the ends); the Slices themselves are remembered in <see cref="_slices"/>.</summary>
    private HashSet<NodeProto> TimeLengthNodes(GraphProto graph)
    {
        var result = new HashSet<NodeProto>();
        var lengths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Shape" && (Attribute(node, "start")?.I ?? 0) == 1 && (Attribute(node, "end")?.I ?? 0) == 2
                || node.OpType == "Concat" && node.Input.All(lengths.Contains))
            {
                result.Add(node);
                lengths.Add(node.Output[0]);
            }
            else if (node.OpType == "Slice" && node.Input.Count >= 3 && _constants.Contains(node.Input[0]) && lengths.Contains(node.Input[2]))
            {
                result.Add(node);
                _slices[node.Output[0]] = node.Input[0];
            }
        }
        return result;
    }

    private NodeProto Single(string tensor, string source)
    {
        var consumers = _consumers.GetValueOrDefault(tensor) ?? [];
        return consumers.Count switch
        {
            1 => consumers[0],
            0 => throw new ModelFileException(source, $"tensor '{tensor}' leads nowhere: no node uses it and it is not the graph's output"),
            _ => throw new ModelFileException(source,
                $"the graph branches at tensor '{tensor}' (nodes {string.Join(", ", consumers.Select(n => $"'{n.Name}'"))}); Backprop imports a chain of layers (and attention, GELU and transformer blocks)"),
        };
    }

    /// <summary>Reads the layer that starts at <paramref name="node"/>; returns the tensor after it.</summary>
    private string Layer(NodeProto node)
    {
        switch (node.OpType)
        {
            case "Gemm": return Gemm(node);
            case "MatMul": return MatMul(node);
            case "Relu": return Activate(node, Activation.Relu);
            case "Sigmoid": return Activate(node, Activation.Sigmoid);
            case "Tanh": return Activate(node, Activation.Tanh);
            case "LeakyRelu": return Activate(node, Activation.LeakyRelu(Shortest(Attribute(node, "alpha")?.F ?? 0.01f)));
            case "Softmax":
                long axis = Attribute(node, "axis")?.I ?? -1;
                if (axis != -1 && axis != Rank - 1) throw _constants.Error(node, $"softmax over axis {axis}; Backprop's softmax is over the last axis");
                return Activate(node, Activation.Softmax);
            case "Identity" or "Dropout": return node.Output[0];
            case "Flatten": return FlattenLayer(node);
            case "BatchNormalization": return BatchNormalization(node);
            case "Transpose": return Transposed(node);
            case "Conv" or "MaxPool" or "AveragePool" when _channelsFirst: return Window(node);
            case "Reshape": return ReshapeLayer(node);
            case "ReduceMean": return GlobalAveragePool(node);
            case "Pad": return ZeroPad(node);
            case "Cast": return EmbeddingLayer(node);
            case "LayerNormalization": return LayerNormalization(node);
            case "Add": return Positions(node);
            case "Gather" when node.Input.Count == 2: return EmbeddingLayer(node, node.Input[1]);
            default: throw _constants.Error(node, "this op may not appear here in a graph Backprop imports");
        }
    }

    private string Gemm(NodeProto node)
    {
        if (node.Input.Count < 2) throw _constants.Error(node, "it has fewer than two inputs");
        if ((Attribute(node, "transA")?.I ?? 0) != 0 || (Attribute(node, "alpha")?.F ?? 1) != 1 || (Attribute(node, "beta")?.F ?? 1) != 1)
            throw _constants.Error(node, "Backprop imports Gemm with transA = 0, alpha = 1 and beta = 1 (a dense layer)");
        if (Rank != 2) throw _constants.Error(node, $"its input has rank {Rank}; Gemm takes a matrix");
        var (w, shape) = _constants.Read(node.Input[1], node, "weight");
        bool transB = (Attribute(node, "transB")?.I ?? 0) != 0;
        if (shape.Length != 2) throw _constants.Error(node, $"its weight has rank {shape.Length}, not 2");
        int n = (int)(transB ? shape[0] : shape[1]), nPrev = (int)(transB ? shape[1] : shape[0]);
        float[]? b = node.Input.Count > 2 && node.Input[2].Length > 0 ? Bias(node, node.Input[2], n) : null;
        return AddDense(node, transB ? w : Transpose(w, nPrev, n), b, nPrev, n, node.Output[0]);
    }

    /// <summary>MatMul(X, W) with W (n[l−1], n[l]), and the bias of the Add right after it, if any.</summary>
    private string MatMul(NodeProto node)
    {
        var (w, shape) = _constants.Read(node.Input[1], node, "weight");
        if (shape.Length != 2) throw _constants.Error(node, $"its weight has rank {shape.Length}, not 2");
        int nPrev = (int)shape[0], n = (int)shape[1];
        string output = node.Output[0];
        float[]? b = null;
        if (_consumers.GetValueOrDefault(output) is [{ OpType: "Add" } add] && add.Input.Count == 2)
        {
            var biasName = add.Input[0] == output ? add.Input[1] : add.Input[0];
            if (_constants.Contains(biasName))
            {
                b = Bias(add, biasName, n);
                output = add.Output[0];
            }
        }
        return AddDense(node, Transpose(w, nPrev, n), b, nPrev, n, output);
    }

    private string AddDense(NodeProto node, float[] w, float[]? b, int nPrev, int n, string output)
    {
        if (_flattenedFrom is { } chw) w = ChannelsLastColumns(w, n, chw);
        _flattenedFrom = null;
        if (nPrev != Width)
            throw _constants.Error(node, $"its weight '{node.Input[1]}' takes {nPrev} features but its input has {Width}: the graph's tensor shapes disagree");
        if (n <= 0) throw _constants.Error(node, "its weight has no outputs");
        var dense = new Dense<T>(nPrev, n);
        Copy(w, dense.Weight.Value.AsSpan());
        if (b is not null) Copy(b, dense.Bias.Value.AsSpan());
        _layers.Add(dense);
        _shape = [.. _shape[..^1], n];
        return output;
    }

    private float[] Bias(NodeProto node, string name, int n)
    {
        var (b, shape) = _constants.Read(name, node, "bias");
        if (b.Length != n || shape.Length > 2)
            throw _constants.Error(node, $"its bias '{name}' has shape ({string.Join(", ", shape)}) but the layer has {n} outputs: the graph's tensor shapes disagree");
        return b;
    }

    /// <summary>g after a linear dense layer becomes its activation; anywhere else an activation layer.</summary>
    private string Activate(NodeProto node, IActivation activation)
    {
        if (_layers.Count > 0 && _layers[^1] is Dense<T> { Activation: LinearActivation } dense)
        {
            var merged = new Dense<T>(dense.InputSize, dense.OutputSize, activation);
            dense.Weight.Value.AsReadOnlySpan().CopyTo(merged.Weight.Value.AsSpan());
            dense.Bias.Value.AsReadOnlySpan().CopyTo(merged.Bias.Value.AsSpan());
            _layers[^1] = merged;
        }
        else _layers.Add(new ActivationLayer<T>(activation));
        return node.Output[0];
    }

    private string BatchNormalization(NodeProto node)
    {
        if (Rank != 2) throw _constants.Error(node, $"batch norm over axis 1 of a rank-{Rank} tensor; Backprop normalises the last axis (export writes Transposes around it)");
        return AddBatchNorm(node);
    }

    /// <summary>Transpose(0, r−1, 1, …) → BatchNormalization → Transpose(0, 2, …, r−1, 1): our last-axis batch norm.</summary>
    private string TransposedBatchNorm(NodeProto node)
    {
        long[] toFirst = [0, Rank - 1, .. Enumerable.Range(1, Rank - 2).Select(i => (long)i)];
        long[] back = [0, .. Enumerable.Range(2, Rank - 2).Select(i => (long)i), 1];
        if (Rank <= 2 || !(Attribute(node, "perm")?.Ints.SequenceEqual(toFirst) ?? false)
            || _consumers.GetValueOrDefault(node.Output[0]) is not [{ OpType: "BatchNormalization" } norm]
            || _consumers.GetValueOrDefault(norm.Output[0]) is not [{ OpType: "Transpose" } after]
            || !(Attribute(after, "perm")?.Ints.SequenceEqual(back) ?? false))
            throw _constants.Error(node, "Backprop imports Transpose only around a BatchNormalization of the last axis");
        AddBatchNorm(norm);
        return after.Output[0];
    }

    private string AddBatchNorm(NodeProto node)
    {
        if (node.Input.Count != 5) throw _constants.Error(node, "it needs five inputs (x, scale, bias, mean, variance)");
        if ((Attribute(node, "training_mode")?.I ?? 0) != 0 || node.Output.Count > 1 && node.Output.Skip(1).Any(o => o.Length > 0))
            throw _constants.Error(node, "it is in training mode; Backprop imports batch norm in inference mode");
        var norm = new BatchNorm<T>(Width, epsilon: Shortest(Attribute(node, "epsilon")?.F ?? 1e-5f));
        var targets = new[] { norm.Scale.Value, norm.Shift.Value, norm.RunningMean, norm.RunningVariance };
        string[] roles = ["scale", "bias", "mean", "variance"];
        for (int i = 0; i < 4; i++)
        {
            var (values, _) = _constants.Read(node.Input[i + 1], node, roles[i]);
            if (values.Length != Width)
                throw _constants.Error(node, $"its {roles[i]} '{node.Input[i + 1]}' has {values.Length} values but its input has {Width} features: the graph's tensor shapes disagree");
            Copy(values, targets[i].AsSpan());
        }
        _layers.Add(norm);
        return node.Output[0];
    }

    /// <summary>The double with the float's shortest decimal form (0.2f ↦ 0.2, not 0.200000003), so names and files read as
    /// written; converting back to float gives the same bits.</summary>
    private static double Shortest(float value) =>
        double.Parse(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The tensor's rank with the batch axis.</summary>
    private int Rank => _shape.Length + 1;

    private int Width => _shape[^1];

    private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    private static float[] Transpose(float[] w, int rows, int cols)
    {
        var t = new float[w.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[j * rows + i] = w[i * cols + j];
        return t;
    }

    private static void Copy(float[] source, Span<T> destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = T.CreateChecked(source[i]);
    }
}
