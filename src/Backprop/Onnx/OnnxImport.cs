using System.Numerics;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Onnx.Proto;
using Backprop.Serialization;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>An ONNX model ↦ a <see cref="Sequential{T}"/> network with the model's metadata, for graphs that are a chain of
/// the ops Backprop exports (and that torch.onnx.export writes for an MLP, a small CNN and a batch-first LSTM): see <see cref="SupportedOps"/> and
/// <see cref="OnnxGraphReader{T}"/>. A file Backprop exported from a <c>backprop train</c> model comes back with its
/// preprocessing and class names, so <c>backprop predict</c> works on it as on the original. Every problem is a
/// <see cref="ModelFileException"/> of one line naming the file (and the node, where there is one).</summary>
public static class OnnxImport
{
    /// <summary>The ops of the network itself that import understands.</summary>
    public static readonly IReadOnlyList<string> SupportedOps =
        [
            "Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Softmax", "BatchNormalization", "Transpose", "Identity",
            "Dropout", "Flatten", "Conv", "MaxPool", "AveragePool", "ReduceMean", "Pad", "Reshape", "Cast", "Gather", "RNN", "LSTM", "GRU",
            "Squeeze", "Shape", "Unsqueeze", "Concat", "ConstantOfShape", "Constant", "LayerNormalization", "Mul", "Erf", "Slice",
        ];

    /// <summary>The model file metadata keys that belong to the .bp format itself and are never copied from ONNX.</summary>
    private static readonly string[] Reserved = [ModelFile.FormatKey, ModelFile.VersionKey, ModelFile.ArchitectureKey, ModelFile.DTypeKey];

    /// <summary>Reads the ONNX file at <paramref name="path"/>.</summary>
    public static LoadedModel<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!File.Exists(path)) throw new ModelFileException(path, "no such file");
        return FromBytes<T>(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads an ONNX model from its bytes; <paramref name="source"/> names it in messages.</summary>
    public static LoadedModel<T> FromBytes<T>(byte[] bytes, string source = "ONNX model") where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFileException(source, $"not a readable ONNX model: the file is truncated or corrupted ({e.Message.TrimEnd('.')})", e);
        }
        var graph = model.Graph;
        if (graph is null || graph.Node.Count == 0 || graph.Output.Count == 0)
            throw new ModelFileException(source, "not an ONNX model: it holds no graph with nodes and an output (a truncated or corrupted file?)");
        var metadata = model.MetadataProps.Where(p => !Reserved.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        bool ours = model.ProducerName == OnnxExport.ProducerName && metadata.ContainsKey("input");
        CheckOps(graph, source, ours);

        var constants = new OnnxTensors(graph, source);
        var inputs = graph.Input.Where(i => !constants.Contains(i.Name)).ToList();
        if (inputs.Count != 1) throw new ModelFileException(source, $"the graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); Backprop imports models with one");
        if (graph.Output.Count != 1) throw new ModelFileException(source, $"the graph has {graph.Output.Count} outputs; Backprop imports models with one");
        var input = inputs[0];
        var dims = input.Type?.TensorType?.Shape?.Dim;
        static bool Fixed(TensorShapeProto.Types.Dimension d) => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0;
        bool variableLength = dims is { Count: >= 2 } && dims[1].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam && dims[1].DimParam == "time";
        if (dims is null || dims.Count < 2 || !dims.Skip(variableLength ? 2 : 1).All(Fixed))
            throw new ModelFileException(source, $"input '{input.Name}' has no fixed size for each axis after the batch axis (other than a variable 'time' axis first); Backprop needs them to build the layers");

        var (start, end) = (input.Name, graph.Output[0].Name);
        if (ours)
        {
            var pre = graph.Node.Where(n => n.Name.StartsWith(OnnxPreprocessing.PrefixIn, StringComparison.Ordinal)).ToList();
            var post = graph.Node.FirstOrDefault(n => n.Name.StartsWith(OnnxPreprocessing.PrefixOut, StringComparison.Ordinal));
            if (pre.Count > 0) start = pre[^1].Output[0];
            if (post is not null) end = post.Input[0];
        }
        // A variable length reads as T = 1 while the layers are built: the layers whose size would depend on T (Flatten,
        // Reshape) then meet a shape that disagrees and are refused.
        var reader = new OnnxGraphReader<T>(graph, constants, dims.Skip(1).Select(d => Fixed(d) ? (int)d.DimValue : 1).ToArray());
        var layers = reader.Read(start, end, source);
        if (layers.Count == 0) throw new ModelFileException(source, "the graph has no layers with parameters or activations to import");
        metadata.TryAdd("input", "features");
        metadata.TryAdd("source", "onnx");
        metadata["onnx_producer"] = string.IsNullOrEmpty(model.ProducerName) ? "unknown" : $"{model.ProducerName} {model.ProducerVersion}".Trim();
        var network = new Sequential<T>([.. layers]);
        network.Eval();
        return new LoadedModel<T>(network, metadata);
    }

    /// <summary>One error listing every op outside <see cref="SupportedOps"/>, each with the nodes that use it.</summary>
    private static void CheckOps(GraphProto graph, string source, bool ours)
    {
        var unsupported = graph.Node
            .Where(n => !(ours && OnnxPreprocessing.IsPreprocessing(n)))
            .Where(n => !SupportedOps.Contains(n.OpType) || n.Domain is not ("" or "ai.onnx"))
            .GroupBy(n => string.IsNullOrEmpty(n.Domain) || n.Domain == "ai.onnx" ? n.OpType : $"{n.Domain}.{n.OpType}")
            .Select(g => $"{g.Key} ({string.Join(", ", g.Take(5).Select(n => $"'{n.Name}'"))}{(g.Count() > 5 ? $" and {g.Count() - 5} more" : "")})")
            .ToList();
        if (unsupported.Count > 0)
            throw new ModelFileException(source,
                $"unsupported ONNX op(s): {string.Join("; ", unsupported)}. Backprop imports {string.Join(", ", SupportedOps.Where(o => o != "Constant"))}");
    }
}
