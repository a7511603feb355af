using System.Numerics;
using Backprop.Layers;

namespace Backprop.Onnx;

/// <summary>The transformer layers as ONNX ops (opset 17), for batch-first (m, T, d) inputs of a fixed T:
/// <see cref="LayerNorm{T}"/> → LayerNormalization(axis −1, ε); GELU → Mul(x, ½(1 + Erf(x/√2))) (ONNX has Gelu only
/// from opset 20) and its tanh form → ½x(1 + Tanh(√(2/π)(x + 0.044715x³))); <see cref="MultiHeadAttention{T}"/> → the
/// projections as MatMul + Add, Reshape (0, 0, h, d) and Transpose to (m, h, T, d) (keys straight to (m, h, d_k, T)),
/// MatMul, Mul by 1/√d_k, Add of a (T, T) mask of −10⁹ above the diagonal when causal, Softmax(−1), MatMul with the
/// values, Transpose and Reshape back, and the output projection; dropout is left out (evaluation). Positional layers
/// → Add of their table's first T rows; <see cref="TransformerBlock{T}"/> → the above with two residual Adds. With a
/// variable length (<see cref="OnnxGraphBuilder.VariableTime"/>) the mask and the table are written for the longest T
/// and Sliced to the input's T in the graph.
/// The key padding mask is an argument of Forward, not of the module, so it is not exported.</summary>
internal static class OnnxAttentionWriter
{
    public static string LayerNorm<T>(LayerNorm<T> norm, OnnxGraphBuilder g, string x, int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.Length == 0 || shape[^1] != norm.Features)
            throw new ArgumentException($"Cannot export {norm}: its input has shape {OnnxModuleWriter.Describe(shape)} but it normalises {norm.Features} features on the last axis.");
        var gamma = g.Initializer(hint + ".gamma", OnnxModuleWriter.Floats(norm.Scale.Value), norm.Features);
        var beta = g.Initializer(hint + ".beta", OnnxModuleWriter.Floats(norm.Shift.Value), norm.Features);
        return g.Node("LayerNormalization", hint, [x, gamma, beta],
            [OnnxGraphBuilder.Int("axis", -1), OnnxGraphBuilder.Float("epsilon", (float)norm.Epsilon)]);
    }

    /// <summary>½z(1 + erf(z/√2)).</summary>
    public static string Gelu(OnnxGraphBuilder g, string z, string hint)
    {
        var scaled = g.Node("Mul", hint + "_over_sqrt2", [z, Scalar(g, hint + "_inv_sqrt2", (float)Kernels.Gelu.InvSqrt2)]);
        var erf = g.Node("Erf", hint + "_erf", [scaled]);
        var onePlus = g.Node("Add", hint + "_one_plus", [erf, Scalar(g, hint + "_one", 1f)]);
        var product = g.Node("Mul", hint + "_times_x", [z, onePlus]);
        return g.Node("Mul", hint + "_gelu", [product, Scalar(g, hint + "_half", 0.5f)]);
    }

    /// <summary>½z(1 + tanh(√(2/π)(z + 0.044715z³))).</summary>
    public static string GeluTanh(OnnxGraphBuilder g, string z, string hint)
    {
        var square = g.Node("Mul", hint + "_square", [z, z]);
        var cube = g.Node("Mul", hint + "_cube", [square, z]);
        var inner = g.Node("Add", hint + "_inner", [z, g.Node("Mul", hint + "_cubic", [cube, Scalar(g, hint + "_c", (float)Kernels.Gelu.Cubic)])]);
        var tanh = g.Node("Tanh", hint + "_tanh", [g.Node("Mul", hint + "_u", [inner, Scalar(g, hint + "_sqrt_2_over_pi", (float)Kernels.Gelu.Sqrt2OverPi)])]);
        var onePlus = g.Node("Add", hint + "_one_plus", [tanh, Scalar(g, hint + "_one", 1f)]);
        var product = g.Node("Mul", hint + "_times_x", [z, onePlus]);
        return g.Node("Mul", hint + "_gelu", [product, Scalar(g, hint + "_half", 0.5f)]);
    }

    public static string Attention<T>(MultiHeadAttention<T> attention, OnnxGraphBuilder g, string x, ref int[] shape, string hint)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.Length != 2 || shape[1] != attention.Width)
            throw new ArgumentException($"Cannot export {attention}: it takes (batch, time, {attention.Width}) but its input has shape {OnnxModuleWriter.Describe(shape)}.");
        int steps = shape[0], heads = attention.Heads, dk = attention.KeyWidth, dv = attention.ValueWidth;
        var q = Heads(attention.Query, g, x, shape, hint + "_query", heads, dk, [0, 2, 1, 3]);
        var kT = Heads(attention.Key, g, x, shape, hint + "_key", heads, dk, [0, 2, 3, 1]);
        var v = Heads(attention.Value, g, x, shape, hint + "_value", heads, dv, [0, 2, 1, 3]);
        var scores = g.Node("Mul", hint + "_scaled", [g.Node("MatMul", hint + "_scores", [q, kT]), Scalar(g, hint + "_scale", 1 / MathF.Sqrt(dk))]);
        if (attention.Causal)
        {
            var mask = new float[steps * steps];
            for (int i = 0; i < steps; i++)
                for (int j = i + 1; j < steps; j++) mask[i * steps + j] = -1e9f;
            var constant = g.Initializer(hint + ".causal_mask", mask, steps, steps);
            scores = g.Node("Add", hint + "_causal", [scores, FirstRows(g, constant, hint + "_causal_mask", axes: 2)]);
        }
        var weights = g.Node("Softmax", hint + "_softmax", [scores], [OnnxGraphBuilder.Int("axis", -1)]);
        var context = g.Node("MatMul", hint + "_context", [weights, v]);
        var merged = g.Node("Transpose", hint + "_merge", [context], [OnnxGraphBuilder.Ints("perm", 0, 2, 1, 3)]);
        var flat = g.Node("Reshape", hint + "_flatten_heads", [merged, g.Int64Initializer(hint + ".merged_shape", 0, 0, heads * dv)]);
        int[] merged3 = [steps, heads * dv];
        var y = OnnxModuleWriter.Write(attention.Output, g, flat, ref merged3, hint + "_output_");
        shape = merged3;
        return y;
    }

    /// <summary>y = x + P[:T] (the table's first T rows as a constant; with a variable length, rows up to the longest T
    /// Sliced to the input's T).</summary>
    public static string AddPositions<T>(Tensors.Tensor<T> table, OnnxGraphBuilder g, string x, int[] shape, string hint, string module)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.Length != 2 || shape[1] != table.Dim(1) || shape[0] > table.Dim(0))
            throw new ArgumentException($"Cannot export {module}: it takes (batch, time ≤ {table.Dim(0)}, {table.Dim(1)}) but its input has shape {OnnxModuleWriter.Describe(shape)}.");
        var rows = OnnxModuleWriter.Floats(table)[..(shape[0] * shape[1])];
        var constant = g.Initializer(hint + ".P", rows, shape[0], shape[1]);
        return g.Node("Add", hint, [x, FirstRows(g, constant, hint + "_P", axes: 1)]);
    }

    /// <summary>The constant as it is for a fixed T; else Slice(constant)[:T] on its first <paramref name="axes"/> axes.</summary>
    private static string FirstRows(OnnxGraphBuilder g, string constant, string hint, int axes)
    {
        if (g.VariableTime is null) return constant;
        var length = g.TimeLength();
        var starts = g.Int64Initializer(hint + ".starts", new long[axes]);
        var ends = axes == 1 ? length : g.Node("Concat", hint + "_ends", Enumerable.Repeat(length, axes), [OnnxGraphBuilder.Int("axis", 0)]);
        var axesList = g.Int64Initializer(hint + ".axes", [.. Enumerable.Range(0, axes).Select(a => (long)a)]);
        return g.Node("Slice", hint + "_first_T", [constant, starts, ends, axesList]);
    }

    public static string Block<T>(TransformerBlock<T> block, OnnxGraphBuilder g, string x, ref int[] shape, string hint)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var attended = Attention(block.Attention, g, LayerNorm(block.AttentionNorm, g, x, shape, hint + "_norm1"), ref shape, hint + "_attention");
        var h = g.Node("Add", hint + "_residual1", [x, attended]);
        var normed = LayerNorm(block.MlpNorm, g, h, shape, hint + "_norm2");
        var hidden = OnnxModuleWriter.Write(block.Expand, g, normed, ref shape, hint + "_expand_");
        var mlp = OnnxModuleWriter.Write(block.Contract, g, hidden, ref shape, hint + "_contract_");
        return g.Node("Add", hint + "_residual2", [h, mlp]);
    }

    /// <summary>Projection (m, T, h·d) → Reshape (m, T, h, d) → Transpose(perm).</summary>
    private static string Heads<T>(Dense<T> projection, OnnxGraphBuilder g, string x, int[] shape, string hint, int heads, int width, long[] perm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] s = [.. shape];
        var y = OnnxModuleWriter.Write(projection, g, x, ref s, hint + "_");
        var split = g.Node("Reshape", hint + "_split", [y, g.Int64Initializer(hint + ".split_shape", 0, 0, heads, width)]);
        return g.Node("Transpose", hint + "_heads", [split], [OnnxGraphBuilder.Ints("perm", perm)]);
    }

    private static string Scalar(OnnxGraphBuilder g, string hint, float value) => g.Initializer(hint, [value]);
}
