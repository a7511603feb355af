using System.Numerics;
using Backprop.Layers;
using Backprop.Ops.Convolution;

namespace Backprop.Onnx;

/// <summary>Channels-last image layers as ONNX's channels-first ops: (m, n_H, n_W, n_C) → Transpose(0, 3, 1, 2) → Conv or
/// MaxPool → Transpose(0, 2, 3, 1), with W (f_h, f_w, n_C_prev, n_C) written as ONNX's (n_C, n_C_prev, f_h, f_w) and
/// padding resolved to explicit pads [top, left, bottom, right]; ZeroPad2D → Pad (constant 0) on the H and W axes;
/// Flatten → Flatten(axis 1), whose row-major order is ours.</summary>
internal static class OnnxConvolutionWriter
{
    public static string Conv<T>(Conv2D<T> conv, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, c) = Image(shape, conv.ToString());
        if (c != conv.InputChannels) throw new ArgumentException($"Cannot export {conv}: its input has {c} channels but it needs {conv.InputChannels}.");
        var geometry = conv.Spec.Geometry(1, h, w, c, "Conv2D");
        int fh = conv.Spec.Kernel.Height, fw = conv.Spec.Kernel.Width, n = conv.Filters;
        var weight = conv.Weight.Value;
        var oihw = new float[n * c * fh * fw];
        for (int a = 0; a < fh; a++)
            for (int b = 0; b < fw; b++)
                for (int i = 0; i < c; i++)
                    for (int o = 0; o < n; o++) oihw[((o * c + i) * fh + a) * fw + b] = float.CreateChecked(weight[a, b, i, o]);
        List<string> inputs = [ToChannelsFirst(g, x, hint), g.Initializer(hint + ".W", oihw, n, c, fh, fw)];
        if (conv.Bias is { } bias) inputs.Add(g.Initializer(hint + ".b", bias.Value.AsReadOnlySpan().ToArray().Select(float.CreateChecked).ToArray(), n));
        var y = g.Node("Conv", hint, inputs, [.. Window(conv.Spec, h, w), OnnxGraphBuilder.Ints("dilations", conv.Spec.Dilation.Height, conv.Spec.Dilation.Width)]);
        shape = [geometry.OutHeight, geometry.OutWidth, n];
        return OnnxModuleWriter.WriteActivation(conv.Activation, g, ToChannelsLast(g, y, hint), hint);
    }

    public static string MaxPool<T>(MaxPool2D<T> pool, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, c) = Image(shape, pool.ToString());
        var geometry = pool.Spec.Geometry(1, h, w, c, "MaxPool2D");
        var y = g.Node("MaxPool", hint, [ToChannelsFirst(g, x, hint)], [.. Window(pool.Spec, h, w), OnnxGraphBuilder.Int("ceil_mode", pool.Spec.CeilMode ? 1 : 0)]);
        shape = [geometry.OutHeight, geometry.OutWidth, c];
        return ToChannelsLast(g, y, hint);
    }

    /// <summary>Mean over each window's in-image values: AveragePool with count_include_pad = 0, as ours does not count
    /// padded positions (PyTorch's count_include_pad=False).</summary>
    public static string AvgPool<T>(AvgPool2D<T> pool, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, c) = Image(shape, pool.ToString());
        var geometry = pool.Spec.Geometry(1, h, w, c, "AvgPool2D");
        var y = g.Node("AveragePool", hint, [ToChannelsFirst(g, x, hint)],
            [.. Window(pool.Spec, h, w), OnnxGraphBuilder.Int("ceil_mode", pool.Spec.CeilMode ? 1 : 0), OnnxGraphBuilder.Int("count_include_pad", 0)]);
        shape = [geometry.OutHeight, geometry.OutWidth, c];
        return ToChannelsLast(g, y, hint);
    }

    /// <summary>A[n, c] = mean over i, j of A_prev[n, i, j, c]: ReduceMean over the H and W axes of the channels-last
    /// tensor (axes 1, 2, keepdims 0), no Transpose needed.</summary>
    public static string GlobalAvgPool(OnnxGraphBuilder g, string x, ref int[] shape, string hint)
    {
        var (_, _, c) = Image(shape, "GlobalAvgPool2D");
        shape = [c];
        return g.Node("ReduceMean", hint, [x], [OnnxGraphBuilder.Ints("axes", 1, 2), OnnxGraphBuilder.Int("keepdims", 0)]);
    }

    /// <summary>(m, …) → (m, d₁, …, d_k), row-major: Reshape with shape (−1, d₁, …, d_k), the batch axis inferred.</summary>
    public static string Reshape<T>(Reshape<T> reshape, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFixedLength(g, reshape.ToString());
        int per = reshape.ExampleShape.Aggregate(1, (a, d) => a * d), have = shape.Aggregate(1, (a, d) => a * d);
        if (per != have) throw new ArgumentException($"Cannot export {reshape}: its input has {have} values per example but it needs {per}.");
        var target = g.Int64Initializer(hint + ".shape", [-1, .. reshape.ExampleShape.Select(d => (long)d)]);
        shape = [.. reshape.ExampleShape];
        return g.Node("Reshape", hint, [x, target]);
    }

    public static string ZeroPad<T>(ZeroPad2D<T> pad, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, c) = Image(shape, pad.ToString());
        var pads = g.Int64Initializer(hint + ".pads", 0, pad.Top, pad.Left, 0, 0, pad.Bottom, pad.Right, 0);
        shape = [h + pad.Top + pad.Bottom, w + pad.Left + pad.Right, c];
        return g.Node("Pad", hint, [x, pads]);
    }

    public static string Flatten(OnnxGraphBuilder g, string x, ref int[] shape, string hint)
    {
        RequireFixedLength(g, "Flatten");
        shape = [shape.Aggregate(1, (a, b) => a * b)];
        return g.Node("Flatten", hint, [x], [OnnxGraphBuilder.Int("axis", 1)]);
    }

    /// <summary>A layer whose output size depends on T cannot follow a dynamic time axis.</summary>
    private static void RequireFixedLength(OnnxGraphBuilder g, string module)
    {
        if (g.VariableTime is not null)
            throw new ArgumentException($"Cannot export {module} after a variable-length time axis: its output size would depend on T. Export with a fixed input shape instead.");
    }

    private static IEnumerable<Onnx.Proto.AttributeProto> Window(WindowSpec spec, int h, int w)
    {
        var (top, bottom, left, right) = spec.Padding.Resolve(h, w, spec.Kernel, spec.Stride, spec.Dilation);
        yield return OnnxGraphBuilder.Ints("kernel_shape", spec.Kernel.Height, spec.Kernel.Width);
        yield return OnnxGraphBuilder.Ints("strides", spec.Stride.Height, spec.Stride.Width);
        yield return OnnxGraphBuilder.Ints("pads", top, left, bottom, right);
    }

    private static string ToChannelsFirst(OnnxGraphBuilder g, string x, string hint) =>
        g.Node("Transpose", hint + "_to_nchw", [x], [OnnxGraphBuilder.Ints("perm", 0, 3, 1, 2)]);

    private static string ToChannelsLast(OnnxGraphBuilder g, string x, string hint) =>
        g.Node("Transpose", hint + "_to_nhwc", [x], [OnnxGraphBuilder.Ints("perm", 0, 2, 3, 1)]);

    private static (int H, int W, int C) Image(int[] shape, string module) => shape.Length == 3
        ? (shape[0], shape[1], shape[2])
        : throw new ArgumentException($"Cannot export {module}: it takes channels-last images (batch, height, width, channels) but its input has shape (batch, {string.Join(", ", shape)}).");
}
