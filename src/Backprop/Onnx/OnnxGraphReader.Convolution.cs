using Backprop.Layers;
using Backprop.Onnx.Proto;
using Backprop.Ops.Convolution;

namespace Backprop.Onnx;

/// <summary>Image layers. ONNX's Conv/MaxPool/AveragePool are channels-first; ours channels-last. Two forms import:
/// what Backprop writes, Transpose(0, 3, 1, 2) → op → Transpose(0, 2, 3, 1), and PyTorch's NCHW graph, whose input
/// (C, H, W) is read as (H, W, C) by a Reshape when C = 1 (same memory order; C &gt; 1 needs a transpose Backprop has no
/// layer for, and is refused). After an NCHW Flatten, the next dense layer's columns move from PyTorch's (c, h, w) order to
/// our (h, w, c). Conv W (n_C, n_C_prev, f_h, f_w) → (f_h, f_w, n_C_prev, n_C); pads [top, left, bottom, right].</summary>
internal sealed partial class OnnxGraphReader<T>
{
    /// <summary>True while the ONNX tensor is channels-first (inside a PyTorch NCHW graph).</summary>
    private bool _channelsFirst;

    /// <summary>(C, H, W) of an NCHW tensor just flattened: the next dense layer's columns are in that order.</summary>
    private (int C, int H, int W)? _flattenedFrom;

    /// <summary>A PyTorch graph's NCHW image input: Reshape(H, W, 1) for one channel.</summary>
    public void StartChannelsFirst(string source)
    {
        if (_shape.Length != 3) return;
        int c = _shape[0], h = _shape[1], w = _shape[2];
        if (c != 1)
            throw new Serialization.ModelFileException(source, $"the input is channels-first (batch, {c}, {h}, {w}); Backprop's image layers are channels-last and it imports NCHW input only with one channel (export the network with channels-last input, or with a Transpose to NCHW first)");
        _layers.Add(new Reshape<T>(h, w, 1));
        (_shape, _channelsFirst) = ([h, w, 1], true);
    }

    private string Transposed(NodeProto node)
    {
        var perm = Attribute(node, "perm")?.Ints.ToArray() ?? [];
        var next = _consumers.GetValueOrDefault(node.Output[0]);
        if (Rank == 4 && perm.SequenceEqual([0L, 3, 1, 2]) && next is [{ OpType: "Conv" or "MaxPool" or "AveragePool" } op])
        {
            _channelsFirst = true;
            var y = Window(op);
            if (_consumers.GetValueOrDefault(y) is not [{ OpType: "Transpose" } back] || !(Attribute(back, "perm")?.Ints.SequenceEqual([0L, 2, 3, 1]) ?? false))
                throw _constants.Error(op, "Backprop imports channels-first ops between Transpose(0, 3, 1, 2) and Transpose(0, 2, 3, 1), or in a graph whose input is NCHW");
            _channelsFirst = false;
            return back.Output[0];
        }
        if (Rank == 3 && perm.SequenceEqual([1L, 0, 2])) return Recurrent(node);
        return TransposedBatchNorm(node);
    }

    /// <summary>Conv, MaxPool or AveragePool on a channels-first tensor.</summary>
    private string Window(NodeProto node)
    {
        if (Rank != 4) throw _constants.Error(node, $"its input has rank {Rank}; Backprop imports 2-D images (rank 4)");
        if ((Attribute(node, "auto_pad")?.S.ToStringUtf8() ?? "NOTSET") is not ("NOTSET" or ""))
            throw _constants.Error(node, "auto_pad is not imported; write explicit pads");
        int h = _shape[0], w = _shape[1], c = _shape[2];
        var kernel = Pair(node, "kernel_shape", 0);
        var stride = Pair(node, "strides", 1);
        var dilation = Pair(node, "dilations", 1);
        var pads = Attribute(node, "pads")?.Ints.Select(p => (int)p).ToArray() ?? [0, 0, 0, 0];
        if (pads.Length != 4) throw _constants.Error(node, "its pads are not [top, left, bottom, right]");
        var padding = Padding2D.Explicit(pads[0], pads[2], pads[1], pads[3]);
        bool ceil = (Attribute(node, "ceil_mode")?.I ?? 0) != 0;
        Module<T> layer;
        int outChannels = c;
        switch (node.OpType)
        {
            case "Conv":
                if ((Attribute(node, "group")?.I ?? 1) != 1) throw _constants.Error(node, "grouped convolution is not imported");
                var (weights, shape) = _constants.Read(node.Input[1], node, "weight");
                if (shape.Length != 4 || shape[1] != c)
                    throw _constants.Error(node, $"its weight has shape ({string.Join(", ", shape)}) but its input has {c} channels: the graph's tensor shapes disagree");
                int n = (int)shape[0], fh = (int)shape[2], fw = (int)shape[3];
                bool bias = node.Input.Count > 2 && node.Input[2].Length > 0;
                var conv = new Conv2D<T>(c, n, (fh, fw), stride, padding, dilation: dilation, useBias: bias);
                var target = conv.Weight.Value.AsSpan();
                for (int a = 0; a < fh; a++)
                    for (int b = 0; b < fw; b++)
                        for (int i = 0; i < c; i++)
                            for (int o = 0; o < n; o++) target[((a * fw + b) * c + i) * n + o] = T.CreateChecked(weights[((o * c + i) * fh + a) * fw + b]);
                if (bias) Copy(Bias(node, node.Input[2], n), conv.Bias!.Value.AsSpan());
                (layer, outChannels) = (conv, n);
                break;
            case "MaxPool":
                if (dilation != new Size2D(1, 1) || (Attribute(node, "storage_order")?.I ?? 0) != 0 || node.Output.Count > 1 && node.Output[1].Length > 0)
                    throw _constants.Error(node, "Backprop imports MaxPool without dilation, indices or storage order");
                layer = new MaxPool2D<T>(kernel, stride, padding, ceil);
                break;
            default:
                if ((Attribute(node, "count_include_pad")?.I ?? 0) != 0 && (pads.Any(p => p != 0) || ceil))
                    throw _constants.Error(node, "it counts padded positions (count_include_pad = 1); Backprop's average pooling does not");
                layer = new AvgPool2D<T>(kernel, stride, padding, ceil);
                break;
        }
        var spec = layer switch { Conv2D<T> x => x.Spec, MaxPool2D<T> x => x.Spec, AvgPool2D<T> x => x.Spec, _ => throw new InvalidOperationException() };
        var geometry = spec.Geometry(1, h, w, c, node.OpType);
        _layers.Add(layer);
        _shape = [geometry.OutHeight, geometry.OutWidth, outChannels];
        return node.Output[0];
    }

    private Size2D Pair(NodeProto node, string name, int fallback)
    {
        var values = Attribute(node, name)?.Ints;
        if (values is null || values.Count == 0)
            return fallback > 0 ? new Size2D(fallback, fallback) : throw _constants.Error(node, $"it has no {name}");
        if (values.Count != 2) throw _constants.Error(node, $"its {name} has {values.Count} values; Backprop imports 2-D windows");
        return new Size2D((int)values[0], (int)values[1]);
    }

    private string FlattenLayer(NodeProto node)
    {
        if ((Attribute(node, "axis")?.I ?? 1) != 1) throw _constants.Error(node, "Backprop imports Flatten(axis = 1)");
        if (Rank == 2) return node.Output[0];
        if (_channelsFirst && Rank == 4) _flattenedFrom = (_shape[2], _shape[0], _shape[1]);
        _channelsFirst = false;
        _layers.Add(new Flatten<T>());
        _shape = [_shape.Aggregate(1, (a, d) => a * d)];
        return node.Output[0];
    }

    /// <summary>W (n, C·H·W) with columns in (c, h, w) order → columns in (h, w, c) order.</summary>
    private static float[] ChannelsLastColumns(float[] w, int n, (int C, int H, int W) chw)
    {
        int per = chw.C * chw.H * chw.W;
        var result = new float[w.Length];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < chw.C; c++)
                for (int h = 0; h < chw.H; h++)
                    for (int x = 0; x < chw.W; x++) result[r * per + (h * chw.W + x) * chw.C + c] = w[r * per + (c * chw.H + h) * chw.W + x];
        return result;
    }
}
