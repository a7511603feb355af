using Backprop.Layers;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>Layers without a window: ReduceMean(axes 1, 2, keepdims 0) of a channels-last image → GlobalAvgPool2D;
/// Reshape(−1 or 0, d₁, …) → Reshape(d₁, …); Pad (constant 0) on H and W → ZeroPad2D; [Cast(int64) →] Gather(E, ids, 0)
/// → Embedding with E (V, d).</summary>
internal sealed partial class OnnxGraphReader<T>
{
    private string GlobalAveragePool(NodeProto node)
    {
        var axes = Attribute(node, "axes")?.Ints.ToArray() ?? [];
        if (Rank != 4 || _channelsFirst || !axes.SequenceEqual([1L, 2]) || (Attribute(node, "keepdims")?.I ?? 1) != 0)
            throw _constants.Error(node, "Backprop imports ReduceMean only over the height and width of a channels-last image (axes 1, 2, keepdims 0)");
        _layers.Add(new GlobalAvgPool2D<T>());
        _shape = [_shape[2]];
        return node.Output[0];
    }

    private string ReshapeLayer(NodeProto node)
    {
        if (_channelsFirst) throw _constants.Error(node, "a reshape of a channels-first tensor is not imported");
        var target = _constants.ReadInt64(node.Input[1], node, "shape");
        int per = _shape.Aggregate(1, (a, d) => a * d);
        if (target.Length < 2 || target[0] is not (-1 or 0) || target.Skip(1).Any(d => d <= 0) || target.Skip(1).Aggregate(1L, (a, d) => a * d) != per)
            throw _constants.Error(node, $"its shape ({string.Join(", ", target)}) does not keep the batch axis and the {per} values per example");
        var shape = target.Skip(1).Select(d => (int)d).ToArray();
        _layers.Add(new Reshape<T>(shape));
        _shape = shape;
        return node.Output[0];
    }

    private string ZeroPad(NodeProto node)
    {
        var pads = _constants.ReadInt64(node.Input[1], node, "pads");
        bool constant = (Attribute(node, "mode")?.S.ToStringUtf8() ?? "constant") is "constant" or "";
        bool zero = node.Input.Count < 3 || node.Input[2].Length == 0 || _constants.Read(node.Input[2], node, "value").Values.All(v => v == 0);
        if (Rank != 4 || _channelsFirst || !constant || !zero || pads.Length != 8 || pads[0] != 0 || pads[3] != 0 || pads[4] != 0 || pads[7] != 0)
            throw _constants.Error(node, "Backprop imports Pad only as zero padding of the height and width of a channels-last image");
        _layers.Add(new ZeroPad2D<T>((int)pads[1], (int)pads[5], (int)pads[2], (int)pads[6]));
        _shape = [_shape[0] + (int)(pads[1] + pads[5]), _shape[1] + (int)(pads[2] + pads[6]), _shape[2]];
        return node.Output[0];
    }

    private string EmbeddingLayer(NodeProto cast)
    {
        if (_consumers.GetValueOrDefault(cast.Output[0]) is not [{ OpType: "Gather" } gather] || gather.Input.Count != 2 || gather.Input[1] != cast.Output[0])
            throw _constants.Error(cast, "Backprop imports Cast only before Gather(table, ids, axis 0), an embedding");
        return EmbeddingLayer(gather, cast.Output[0]);
    }

    /// <summary>Gather(E, <paramref name="ids"/>, axis 0) → Embedding with E (V, d).</summary>
    private string EmbeddingLayer(NodeProto gather, string ids)
    {
        if (gather.Input.Count != 2 || gather.Input[1] != ids || !_constants.Contains(gather.Input[0]) || (Attribute(gather, "axis")?.I ?? 0) != 0)
            throw _constants.Error(gather, "Backprop imports Gather only as Gather(table, ids, axis 0), an embedding");
        var (table, shape) = _constants.Read(gather.Input[0], gather, "table");
        if (shape.Length != 2) throw _constants.Error(gather, $"its table has rank {shape.Length}, not 2");
        var embedding = new Embedding<T>((int)shape[0], (int)shape[1]);
        Copy(table, embedding.Weight.Value.AsSpan());
        _layers.Add(embedding);
        _shape = [.. _shape, (int)shape[1]];
        return gather.Output[0];
    }
}
