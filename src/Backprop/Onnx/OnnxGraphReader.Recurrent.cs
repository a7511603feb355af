using Backprop.Layers;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>Sequence layers, the inverse of <see cref="OnnxRecurrentWriter"/> and what torch.onnx.export writes for a
/// batch-first nn.LSTM/GRU/RNN: Transpose(1, 0, 2) → RNN | LSTM | GRU (forward, one layer, default activations, zero or no
/// initial state) → Y → Squeeze(1) → Transpose(1, 0, 2) [→ Gather(axis 1, last step)], or → Y_h → Squeeze(0). Gate
/// blocks go back from ONNX's order (LSTM i, o, f, c; GRU z, r, h) to ours (i, f, g, o; r, z, n); LSTM and RNN biases
/// are summed (b = Wb + Rb), GRU keeps both (bx = Wb, bh = Rb) and needs linear_before_reset = 1. PyTorch's zero initial
/// state (Shape → … → ConstantOfShape(0)) is recognised and dropped.</summary>
internal sealed partial class OnnxGraphReader<T>
{
    private readonly HashSet<string> _zeroStates = new(StringComparer.Ordinal);

    /// <summary>ConstantOfShape(0) nodes and the shape arithmetic feeding them (PyTorch's zero h0, c0).</summary>
    private HashSet<NodeProto> ZeroStateNodes(GraphProto graph)
    {
        var producer = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node) foreach (var o in node.Output) producer[o] = node;
        var result = new HashSet<NodeProto>();
        var stack = new Stack<NodeProto>();
        foreach (var node in graph.Node.Where(n => n.OpType == "ConstantOfShape"))
        {
            var value = Attribute(node, "value")?.T;
            if (value is not null && _constants.Read(node.Output[0] + "#value", value, node).Any(v => v != 0)) continue;
            _zeroStates.Add(node.Output[0]);
            stack.Push(node);
        }
        while (stack.TryPop(out var node))
            if (result.Add(node))
                foreach (var input in node.Input)
                    if (producer.TryGetValue(input, out var p)) stack.Push(p);
        return result;
    }

    private string Recurrent(NodeProto transpose)
    {
        if (_consumers.GetValueOrDefault(transpose.Output[0]) is not [{ OpType: "RNN" or "LSTM" or "GRU" } op] || op.Input[0] != transpose.Output[0])
            throw _constants.Error(transpose, "Backprop imports Transpose(1, 0, 2) only before RNN, LSTM or GRU");
        int gates = op.OpType switch { "LSTM" => 4, "GRU" => 3, _ => 1 };
        int[] order = op.OpType switch { "LSTM" => [0, 3, 1, 2], "GRU" => [1, 0, 2], _ => [0] };
        int h = (int)(Attribute(op, "hidden_size")?.I ?? 0), nx = Width;
        if ((Attribute(op, "direction")?.S.ToStringUtf8() ?? "forward") != "forward" || Attribute(op, "activations") is not null
            || Attribute(op, "clip") is not null || (Attribute(op, "input_forget")?.I ?? 0) != 0 || (Attribute(op, "layout")?.I ?? 0) != 0)
            throw _constants.Error(op, "Backprop imports forward, time-first recurrent layers with the default activations, no clip and no coupled forget gate");
        if (op.OpType == "GRU" && (Attribute(op, "linear_before_reset")?.I ?? 0) != 1)
            throw _constants.Error(op, "linear_before_reset = 0; Backprop's GRU (PyTorch's) applies r after the hidden product (linear_before_reset = 1)");
        if (op.Input.Count > 4 && op.Input[4].Length > 0) throw _constants.Error(op, "sequence lengths are not imported");
        for (int i = 5; i < op.Input.Count; i++)
            if (op.Input[i].Length > 0 && !_zeroStates.Contains(op.Input[i]))
                throw _constants.Error(op, $"its initial state '{op.Input[i]}' is not zero; Backprop imports layers that start from zeros");
        var w = Weights(op, 1, "W", gates * h * nx, order, h * nx);
        var r = Weights(op, 2, "R", gates * h * h, order, h * h);
        var b = op.Input.Count > 3 && op.Input[3].Length > 0 ? _constants.Read(op.Input[3], op, "bias").Values : new float[2 * gates * h];
        if (b.Length != 2 * gates * h) throw _constants.Error(op, $"its bias has {b.Length} values, not {2 * gates * h}: the graph's tensor shapes disagree");
        var wb = Unorder(b[..(gates * h)], order, h);
        var rb = Unorder(b[(gates * h)..], order, h);
        var (output, sequences) = Outputs(op);
        Module<T> layer;
        switch (op.OpType)
        {
            case "LSTM":
                var lstm = new Lstm<T>(nx, h, sequences);
                Fill(lstm.InputWeight.Value.AsSpan(), lstm.HiddenWeight.Value.AsSpan(), w, r);
                Copy(wb.Zip(rb, (x, y) => x + y).ToArray(), lstm.Bias.Value.AsSpan());
                layer = lstm;
                break;
            case "GRU":
                var gru = new Gru<T>(nx, h, sequences);
                Fill(gru.InputWeight.Value.AsSpan(), gru.HiddenWeight.Value.AsSpan(), w, r);
                Copy(wb, gru.InputBias.Value.AsSpan());
                Copy(rb, gru.HiddenBias.Value.AsSpan());
                layer = gru;
                break;
            default:
                var rnn = new SimpleRnn<T>(nx, h, sequences);
                Fill(rnn.InputWeight.Value.AsSpan(), rnn.HiddenWeight.Value.AsSpan(), w, r);
                Copy(wb.Zip(rb, (x, y) => x + y).ToArray(), rnn.Bias.Value.AsSpan());
                layer = rnn;
                break;
        }
        _layers.Add(layer);
        _shape = sequences ? [_shape[0], h] : [h];
        return output;
    }

    private float[] Weights(NodeProto op, int index, string role, int count, int[] order, int block)
    {
        var (values, shape) = _constants.Read(op.Input[index], op, role);
        if (values.Length != count || shape.Length != 3 || shape[0] != 1)
            throw _constants.Error(op, $"its {role} has shape ({string.Join(", ", shape)}) but the layer needs (1, {order.Length}·hidden, ·) with {count} values: the graph's tensor shapes disagree");
        return Unorder(values, order, block);
    }

    /// <summary>The tensor after the layer and whether it is every step (Y) or only the last (Y_h or Y's last step).</summary>
    private (string Output, bool Sequences) Outputs(NodeProto op)
    {
        if (op.Output.Count > 0 && op.Output[0].Length > 0 && _consumers.GetValueOrDefault(op.Output[0]) is [{ OpType: "Squeeze" } s]
            && SqueezeAxes(s).SequenceEqual([1L]) && _consumers.GetValueOrDefault(s.Output[0]) is [{ OpType: "Transpose" } t]
            && (Attribute(t, "perm")?.Ints.SequenceEqual([1L, 0, 2]) ?? false))
        {
            if (_consumers.GetValueOrDefault(t.Output[0]) is [{ OpType: "Gather" } g] && g.Input[0] == t.Output[0] && (Attribute(g, "axis")?.I ?? 0) == 1
                && _constants.ReadInt64(g.Input[1], g, "index") is [var step] && (step == -1 || step == _shape[0] - 1))
                return (g.Output[0], false);
            return (t.Output[0], true);
        }
        if (op.Output.Count > 1 && op.Output[1].Length > 0 && _consumers.GetValueOrDefault(op.Output[1]) is [{ OpType: "Squeeze" } last] && SqueezeAxes(last).SequenceEqual([0L]))
            return (last.Output[0], false);
        throw _constants.Error(op, "Backprop imports Y → Squeeze(1) → Transpose(1, 0, 2) [→ Gather of the last step], or Y_h → Squeeze(0)");
    }

    private long[] SqueezeAxes(NodeProto s) =>
        s.Input.Count > 1 ? _constants.ReadInt64(s.Input[1], s, "axes") : Attribute(s, "axes")?.Ints.ToArray() ?? [];

    private void Fill(Span<T> wx, Span<T> wh, float[] w, float[] r)
    {
        Copy(w, wx);
        Copy(r, wh);
    }

    /// <summary>ONNX block k ↦ our block order[k].</summary>
    private static float[] Unorder(float[] values, int[] order, int block)
    {
        var result = new float[values.Length];
        for (int k = 0; k < order.Length; k++) values.AsSpan(k * block, block).CopyTo(result.AsSpan(order[k] * block, block));
        return result;
    }
}
