using System.Numerics;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Onnx;

/// <summary>Writes a module tree as ONNX nodes, y = f(x) ↦ nodes from the tensor named x to the tensor it returns, keeping
/// the shape of one example (the batch axis is dynamic and left out): <see cref="Dense{T}"/> → Gemm (2-D) or MatMul + Add,
/// activations → their ops (LeakyRelu with its alpha always written), <see cref="Dropout{T}"/> and the augmentations → Identity,
/// <see cref="BatchNorm{T}"/> → BatchNormalization in evaluation mode (with Transposes around it for N-D channels-last
/// input, since ONNX normalises axis 1), <see cref="Sequential{T}"/> → its layers in order.</summary>
internal static class OnnxModuleWriter
{
    /// <summary>The module types this writer knows, for error messages.</summary>
    public const string KnownModules = "Sequential, Dense, ActivationLayer, Dropout, augmentations (RandomFlip, RandomTranslation, ColorJitter), BatchNorm, Conv2D, MaxPool2D, AvgPool2D, GlobalAvgPool2D, ZeroPad2D, Flatten, Reshape, Embedding, SimpleRnn, Lstm, Gru, LayerNorm, MultiHeadAttention, PositionalEmbedding, SinusoidalPositionalEncoding and TransformerBlock";

    public static string Write<T>(Module<T> module, OnnxGraphBuilder g, string x, ref int[] shape, string prefix)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (module)
        {
            case Sequential<T> sequential:
                for (int l = 0; l < sequential.Layers.Count; l++)
                    x = Write(sequential.Layers[l], g, x, ref shape, $"{prefix}{l + 1}_");
                return x;
            case Dense<T> dense:
                x = WriteDense(dense, g, x, ref shape, prefix + "dense");
                return WriteActivation(dense.Activation, g, x, prefix + "dense");
            case ActivationLayer<T> activation:
                return WriteActivation(activation.Activation, g, x, prefix + "activation");
            case Dropout<T>:
                return g.Node("Identity", prefix + "dropout", [x]);
            case Augmentation<T>: // training-only: the identity at inference
                return g.Node("Identity", prefix + "augmentation", [x]);
            case BatchNorm<T> norm:
                return WriteBatchNorm(norm, g, x, shape, prefix + "batchnorm");
            case Conv2D<T> conv:
                return OnnxConvolutionWriter.Conv(conv, g, x, ref shape, prefix + "conv");
            case MaxPool2D<T> pool:
                return OnnxConvolutionWriter.MaxPool(pool, g, x, ref shape, prefix + "maxpool");
            case ZeroPad2D<T> pad:
                return OnnxConvolutionWriter.ZeroPad(pad, g, x, ref shape, prefix + "zeropad");
            case Flatten<T>:
                return OnnxConvolutionWriter.Flatten(g, x, ref shape, prefix + "flatten");
            case AvgPool2D<T> avg:
                return OnnxConvolutionWriter.AvgPool(avg, g, x, ref shape, prefix + "avgpool");
            case GlobalAvgPool2D<T>:
                return OnnxConvolutionWriter.GlobalAvgPool(g, x, ref shape, prefix + "globalavgpool");
            case Reshape<T> reshape:
                return OnnxConvolutionWriter.Reshape(reshape, g, x, ref shape, prefix + "reshape");
            case Embedding<T> embedding:
                return OnnxRecurrentWriter.Embedding(embedding, g, x, ref shape, prefix + "embedding");
            case SimpleRnn<T> rnn:
                return OnnxRecurrentWriter.Rnn(rnn, g, x, ref shape, prefix + "rnn");
            case Lstm<T> lstm:
                return OnnxRecurrentWriter.Lstm(lstm, g, x, ref shape, prefix + "lstm");
            case Gru<T> gru:
                return OnnxRecurrentWriter.Gru(gru, g, x, ref shape, prefix + "gru");
            case LayerNorm<T> norm:
                return OnnxAttentionWriter.LayerNorm(norm, g, x, shape, prefix + "layernorm");
            case MultiHeadAttention<T> attention:
                return OnnxAttentionWriter.Attention(attention, g, x, ref shape, prefix + "attention");
            case PositionalEmbedding<T> positions:
                return OnnxAttentionWriter.AddPositions(positions.Weight.Value, g, x, shape, prefix + "positions", positions.ToString());
            case SinusoidalPositionalEncoding<T> encoding:
                return OnnxAttentionWriter.AddPositions(encoding.Table, g, x, shape, prefix + "positions", encoding.ToString());
            case TransformerBlock<T> block:
                return OnnxAttentionWriter.Block(block, g, x, ref shape, prefix + "block");
            default:
                throw new NotSupportedException(
                    $"Cannot export module '{module}' ({module.GetType().Name.Split('`')[0]}) to ONNX: the exporter knows {KnownModules}.");
        }
    }

    /// <summary>Z = X·Wᵀ + b: Gemm(X, W, b, transB = 1) keeps W in our (and PyTorch's) (n[l], n[l−1]) layout for 2-D X;
    /// higher ranks use MatMul(X, Wᵀ) + b, since Gemm takes matrices only.</summary>
    private static string WriteDense<T>(Dense<T> dense, OnnxGraphBuilder g, string x, ref int[] shape, string hint)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.Length == 0 || shape[^1] != dense.InputSize)
            throw new ArgumentException($"Cannot export {dense}: its input has shape {Describe(shape)} but the layer needs {dense.InputSize} features on the last axis.");
        int n = dense.OutputSize, nPrev = dense.InputSize;
        var bias = g.Initializer(hint + ".b", Floats(dense.Bias.Value), n);
        string z;
        if (shape.Length == 1)
        {
            var weight = g.Initializer(hint + ".W", Floats(dense.Weight.Value), n, nPrev);
            z = g.Node("Gemm", hint, [x, weight, bias], [OnnxGraphBuilder.Int("transB", 1)]);
        }
        else
        {
            var w = dense.Weight.Value;
            var transposed = new float[n * nPrev];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < nPrev; j++) transposed[j * n + i] = float.CreateChecked(w[i, j]);
            var weightT = g.Initializer(hint + ".W_T", transposed, nPrev, n);
            var product = g.Node("MatMul", hint + "_matmul", [x, weightT]);
            z = g.Node("Add", hint + "_add", [product, bias]);
        }
        shape = [.. shape[..^1], n];
        return z;
    }

    /// <summary>A = g(Z); the identity adds no node. Softmax is over the last axis, as ours is.</summary>
    public static string WriteActivation(IActivation activation, OnnxGraphBuilder g, string z, string hint) => activation switch
    {
        LinearActivation => z,
        SigmoidActivation => g.Node("Sigmoid", hint + "_sigmoid", [z]),
        TanhActivation => g.Node("Tanh", hint + "_tanh", [z]),
        ReluActivation => g.Node("Relu", hint + "_relu", [z]),
        LeakyReluActivation leaky => g.Node("LeakyRelu", hint + "_leakyrelu", [z], [OnnxGraphBuilder.Float("alpha", (float)leaky.Slope)]),
        SoftmaxActivation => g.Node("Softmax", hint + "_softmax", [z], [OnnxGraphBuilder.Int("axis", -1)]),
        GeluActivation => OnnxAttentionWriter.Gelu(g, z, hint),
        GeluTanhActivation => OnnxAttentionWriter.GeluTanh(g, z, hint),
        _ => throw new NotSupportedException($"Cannot export activation '{activation.Name}' to ONNX: the exporter knows sigmoid, tanh, relu, leaky-relu, softmax, gelu, gelu-tanh and linear."),
    };

    /// <summary>y = γ ∘ (x − μ)/√(σ² + ε) + β with the running μ, σ² (ONNX's BatchNormalization in inference mode). ONNX
    /// takes channels on axis 1, ours are on the last axis: for rank r &gt; 2, Transpose(0, r−1, 1, …, r−2) before and the
    /// inverse after.</summary>
    private static string WriteBatchNorm<T>(BatchNorm<T> norm, OnnxGraphBuilder g, string x, int[] shape, string hint)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.Length == 0 || shape[^1] != norm.Features)
            throw new ArgumentException($"Cannot export {norm}: its input has shape {Describe(shape)} but it normalises {norm.Features} features on the last axis.");
        int f = norm.Features, rank = shape.Length + 1;
        string[] inputs =
        [
            x,
            g.Initializer(hint + ".gamma", Floats(norm.Scale.Value), f),
            g.Initializer(hint + ".beta", Floats(norm.Shift.Value), f),
            g.Initializer(hint + ".running_mean", Floats(norm.RunningMean), f),
            g.Initializer(hint + ".running_var", Floats(norm.RunningVariance), f),
        ];
        var epsilon = OnnxGraphBuilder.Float("epsilon", (float)norm.Epsilon);
        if (rank == 2) return g.Node("BatchNormalization", hint, inputs, [epsilon]);
        long[] toFirst = [0, rank - 1, .. Enumerable.Range(1, rank - 2).Select(i => (long)i)];
        long[] back = [0, .. Enumerable.Range(2, rank - 2).Select(i => (long)i), 1];
        inputs[0] = g.Node("Transpose", hint + "_to_channels_first", [x], [OnnxGraphBuilder.Ints("perm", toFirst)]);
        var y = g.Node("BatchNormalization", hint, inputs, [epsilon]);
        return g.Node("Transpose", hint + "_to_channels_last", [y], [OnnxGraphBuilder.Ints("perm", back)]);
    }

    /// <summary>The first layer's input shape (one example), when that layer tells it (Dense, BatchNorm, Reshape); null for
    /// layers whose input size is open (convolutions, sequences), which then need OnnxExportOptions.InputShape.</summary>
    public static int[]? InputShape<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T> => module switch
    {
        Dense<T> d => [d.InputSize],
        BatchNorm<T> b => [b.Features],
        Reshape<T> r => [r.ExampleShape.Aggregate(1, (a, d) => a * d)],
        Sequential<T> { Layers: [Embedding<T>, PositionalEmbedding<T> p, ..] } => [p.Positions],
        Sequential<T> { Layers: [Embedding<T>, SinusoidalPositionalEncoding<T> p, ..] } => [p.Positions],
        Sequential<T> s => s.Layers.FirstOrDefault(l => l is not (Dropout<T> or ActivationLayer<T>)) is { } first ? InputShape(first) : null,
        _ => null,
    };

    /// <summary>Whether the module's first layer is an <see cref="Embedding{T}"/>, whose input is token ids (int64 in ONNX).</summary>
    public static bool TakesTokenIds<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T> => module switch
    {
        Embedding<T> => true,
        Sequential<T> s => s.Layers.Count > 0 && TakesTokenIds(s.Layers[0]),
        _ => false,
    };

    public static float[] Floats<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = t.AsReadOnlySpan();
        var r = new float[s.Length];
        for (int i = 0; i < r.Length; i++) r[i] = float.CreateChecked(s[i]);
        return r;
    }

    public static string Describe(int[] shape) => "(batch" + string.Concat(shape.Select(d => ", " + d)) + ")";
}
