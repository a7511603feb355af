using System.Numerics;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Onnx;

/// <summary>Sequence layers as ONNX ops. Our batch-first (m, T, n_x) becomes ONNX's time-first (T, m, n_x) by
/// Transpose(1, 0, 2) (ONNX Runtime's CPU kernels refuse layout = 1); then RNN / LSTM / GRU with W = Wx, R = Wh, each
/// [1, G·H, ·] with the gate blocks reordered to ONNX's order, and B = [Wb; Rb]. returnSequences: Y (T, 1, m, H) →
/// Squeeze(1) → Transpose(1, 0, 2) = (m, T, H); otherwise Y_h (1, m, H) → Squeeze(0) = (m, H). The initial state is
/// zeros, as in Module.Forward(x) (a layer's Forward(x, h0) with a given state is not exported).
/// Gate orders: LSTM ours i, f, g, o (PyTorch's) → ONNX i, o, f, c; GRU ours r, z, n → ONNX z, r, h, with
/// linear_before_reset = 1 since our n = tanh(u_n + r ∘ (a·Wh_nᵀ + bh_n)) applies r after the hidden product.
/// Embedding: Gather(E, ids, axis 0), the graph's int64 token ids as they are, or float ids → Cast(int64) first.</summary>
internal static class OnnxRecurrentWriter
{
    public static string Embedding<T>(Embedding<T> embedding, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var table = g.Initializer(hint + ".E", OnnxModuleWriter.Floats(embedding.Weight.Value), embedding.VocabularySize, embedding.Width);
        var ids = x == g.TokenIds ? x : g.Node("Cast", hint + "_ids", [x], [OnnxGraphBuilder.Int("to", (long)Proto.TensorProto.Types.DataType.Int64)]);
        shape = [.. shape, embedding.Width];
        return g.Node("Gather", hint, [table, ids], [OnnxGraphBuilder.Int("axis", 0)]);
    }

    public static string Rnn<T>(SimpleRnn<T> rnn, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = rnn.HiddenSize;
        var bias = OnnxModuleWriter.Floats(rnn.Bias.Value);
        return Write("RNN", g, x, ref shape, hint, rnn.ToString(), rnn.InputSize, h, rnn.ReturnSequences, [0],
            rnn.InputWeight.Value, rnn.HiddenWeight.Value, [.. bias, .. new float[h]], []);
    }

    public static string Lstm<T>(Lstm<T> lstm, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = lstm.HiddenSize;
        int[] order = [0, 3, 1, 2];   // ONNX i, o, f, c ← ours i, f, g, o
        var bias = Reorder(OnnxModuleWriter.Floats(lstm.Bias.Value), order, h);
        return Write("LSTM", g, x, ref shape, hint, lstm.ToString(), lstm.InputSize, h, lstm.ReturnSequences, order,
            lstm.InputWeight.Value, lstm.HiddenWeight.Value, [.. bias, .. new float[4 * h]], []);
    }

    public static string Gru<T>(Gru<T> gru, OnnxGraphBuilder g, string x, ref int[] shape, string hint) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = gru.HiddenSize;
        int[] order = [1, 0, 2];      // ONNX z, r, h ← ours r, z, n
        float[] bias = [.. Reorder(OnnxModuleWriter.Floats(gru.InputBias.Value), order, h), .. Reorder(OnnxModuleWriter.Floats(gru.HiddenBias.Value), order, h)];
        return Write("GRU", g, x, ref shape, hint, gru.ToString(), gru.InputSize, h, gru.ReturnSequences, order,
            gru.InputWeight.Value, gru.HiddenWeight.Value, bias, [OnnxGraphBuilder.Int("linear_before_reset", 1)]);
    }

    private static string Write<T>(string op, OnnxGraphBuilder g, string x, ref int[] shape, string hint, string module, int nx, int h, bool sequences,
        int[] order, Tensor<T> wx, Tensor<T> wh, float[] bias, Proto.AttributeProto[] extra) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.Length != 2 || shape[1] != nx)
            throw new ArgumentException($"Cannot export {module}: it takes batch-first sequences (batch, time, {nx}) but its input has shape {OnnxModuleWriter.Describe(shape)}.");
        int gates = order.Length;
        var w = g.Initializer(hint + ".W", Reorder(OnnxModuleWriter.Floats(wx), order, h * nx), 1, gates * h, nx);
        var r = g.Initializer(hint + ".R", Reorder(OnnxModuleWriter.Floats(wh), order, h * h), 1, gates * h, h);
        var b = g.Initializer(hint + ".B", bias, 1, 2 * gates * h);
        var timeFirst = g.Node("Transpose", hint + "_to_time_first", [x], [OnnxGraphBuilder.Ints("perm", 1, 0, 2)]);
        Proto.AttributeProto[] attributes = [OnnxGraphBuilder.Int("hidden_size", h), .. extra];
        int steps = shape[0];
        if (sequences)
        {
            var y = g.NodeOutput(op, hint, [timeFirst, w, r, b], attributes, 0);
            var squeezed = g.Node("Squeeze", hint + "_squeeze", [y, g.Int64Initializer(hint + ".axes", 1)]);
            shape = [steps, h];
            return g.Node("Transpose", hint + "_to_batch_first", [squeezed], [OnnxGraphBuilder.Ints("perm", 1, 0, 2)]);
        }
        var last = g.NodeOutput(op, hint, [timeFirst, w, r, b], attributes, 1);
        shape = [h];
        g.VariableTime = null; // the last step only: no time axis from here on
        return g.Node("Squeeze", hint + "_squeeze", [last, g.Int64Initializer(hint + ".axes", 0)]);
    }

    /// <summary>Blocks of <paramref name="block"/> values: result block k = source block order[k].</summary>
    public static float[] Reorder(float[] values, int[] order, int block)
    {
        var result = new float[values.Length];
        for (int k = 0; k < order.Length; k++) values.AsSpan(order[k] * block, block).CopyTo(result.AsSpan(k * block, block));
        return result;
    }
}
