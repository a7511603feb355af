using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Onnx;

/// <summary>One small model per built-in module type (and the CLI's default shapes), with an input batch for it.</summary>
public static class OnnxTestModels
{
    public static readonly string[] Names =
    [
        "dense-relu-sigmoid", "dense-tanh", "dense-linear", "leaky-relu-0.2", "softmax-output", "activation-layers",
        "dropout", "batchnorm-2d", "batchnorm-3d-channels-last", "dense-3d-input", "course-deep-cat-shape",
        "cnn-pad-conv-pool", "cnn-same-stride-2", "avgpool-same-ceil-global", "reshape-conv", "embedding-rnn-sequences",
        "rnn-last", "lstm-sequences", "lstm-last", "gru-sequences", "gru-last", "layernorm-gelu", "attention-causal",
        "transformer-block", "embedding-gpt",
    ];

    /// <summary>Models that export but that import does not read back as the same layers: the augmentations, which are
    /// training-only, written as Identity, which import drops.</summary>
    public static readonly string[] ExportOnly = ["augmented-reshape-conv"];

    public static string[] All => [.. Names, .. ExportOnly];

    public static (Module<float> Model, Tensor<float> X) Build(string name)
    {
        var random = new NumpyRandom(11);
        Module<float> model = name switch
        {
            "dense-relu-sigmoid" => new Sequential<float>(new Dense<float>(4, 5, Activation.Relu), new Dense<float>(5, 1, Activation.Sigmoid)),
            "dense-tanh" => new Sequential<float>(new Dense<float>(4, 3, Activation.Tanh)),
            "dense-linear" => new Dense<float>(4, 2),
            "leaky-relu-0.2" => new Sequential<float>(new Dense<float>(4, 6, Activation.LeakyRelu(0.2)), new Dense<float>(6, 2)),
            "softmax-output" => new Sequential<float>(new Dense<float>(4, 8, Activation.Relu), new Dense<float>(8, 3, Activation.Softmax)),
            "activation-layers" => new Sequential<float>(new Dense<float>(4, 6), new ActivationLayer<float>(Activation.Tanh),
                new ActivationLayer<float>(Activation.LeakyRelu()), new Dense<float>(6, 3), new ActivationLayer<float>(Activation.Softmax)),
            "dropout" => new Sequential<float>(new Dense<float>(4, 6, Activation.Relu), new Dropout<float>(0.5), new Dense<float>(6, 1, Activation.Sigmoid)),
            "batchnorm-2d" => new Sequential<float>(new Dense<float>(4, 6), new BatchNorm<float>(6, epsilon: 1e-3), new ActivationLayer<float>(Activation.Relu), new Dense<float>(6, 2)),
            "batchnorm-3d-channels-last" => new Sequential<float>(new Dense<float>(4, 5), new BatchNorm<float>(5, epsilon: 1e-3), new Dense<float>(5, 2, Activation.Softmax)),
            "dense-3d-input" => new Sequential<float>(new Dense<float>(4, 3, Activation.Sigmoid)),
            "course-deep-cat-shape" => Sequential<float>.FromLayerDims([64 * 3, 20, 7, 5, 1], Activation.Relu, Activation.Sigmoid),
            "cnn-pad-conv-pool" => new Sequential<float>(new ZeroPad2D<float>(1), new Conv2D<float>(3, 4, 3, activation: Activation.Relu),
                new MaxPool2D<float>(2), new Flatten<float>(), new Dense<float>(36, 2, Activation.Softmax)),
            "cnn-same-stride-2" => new Sequential<float>(new Conv2D<float>(3, 2, 3, stride: 2, padding: Backprop.Ops.Convolution.Padding2D.Same, activation: Activation.Tanh),
                new Flatten<float>(), new Dense<float>(18, 1, Activation.Sigmoid)),
            "avgpool-same-ceil-global" => new Sequential<float>(new Conv2D<float>(3, 4, 3, activation: Activation.Relu),
                new AvgPool2D<float>(2, padding: Backprop.Ops.Convolution.Padding2D.Same, ceilMode: true), new AvgPool2D<float>(3, stride: 1),
                new GlobalAvgPool2D<float>(), new Dense<float>(4, 2)),
            "reshape-conv" => new Sequential<float>(new Reshape<float>(4, 4, 3), new Conv2D<float>(3, 2, 2), new Flatten<float>(), new Dense<float>(18, 1)),
            "augmented-reshape-conv" => new Sequential<float>(new Reshape<float>(4, 4, 3), new RandomFlip<float>(1), new RandomTranslation<float>(0.25, 2),
                new ColorJitter<float>(0.2, 0.2, 3), new Conv2D<float>(3, 2, 2), new Flatten<float>(), new Dense<float>(18, 1)),
            "embedding-rnn-sequences" => new Sequential<float>(new Embedding<float>(10, 4), new SimpleRnn<float>(4, 5), new Dense<float>(5, 3, Activation.Softmax)),
            "rnn-last" => new Sequential<float>(new SimpleRnn<float>(3, 4, returnSequences: false), new Dense<float>(4, 2)),
            "lstm-sequences" => new Sequential<float>(new Lstm<float>(3, 4), new Lstm<float>(4, 5, returnSequences: false)),
            "lstm-last" => new Sequential<float>(new Lstm<float>(3, 4, returnSequences: false), new Dense<float>(4, 2)),
            "gru-sequences" => new Sequential<float>(new Gru<float>(3, 4), new Dense<float>(4, 2, Activation.Tanh)),
            "gru-last" => new Sequential<float>(new Gru<float>(3, 4, returnSequences: false), new Dense<float>(4, 1, Activation.Sigmoid)),
            "layernorm-gelu" => new Sequential<float>(new Dense<float>(4, 8, Activation.Gelu), new LayerNorm<float>(8, epsilon: 1e-3), new Dense<float>(8, 3, Activation.GeluTanh)),
            "attention-causal" => new Sequential<float>(new PositionalEmbedding<float>(6, 8), new MultiHeadAttention<float>(8, 2, causal: true), new Dense<float>(8, 2)),
            "transformer-block" => new Sequential<float>(new SinusoidalPositionalEncoding<float>(6, 8), new TransformerBlock<float>(8, 4, 16), new LayerNorm<float>(8)),
            "embedding-gpt" => Gpt(vocabulary: 10, context: 6, width: 8, heads: 2, blocks: 2),
            _ => throw new ArgumentException(name),
        };
        model.Initialize(new Backprop.Initializers.HeInitializer(), random);
        foreach (var norm in model.Descendants().OfType<BatchNorm<float>>()) Randomize(norm, random);
        int[] shape = name switch
        {
            "batchnorm-3d-channels-last" or "dense-3d-input" or "layernorm-gelu" => [5, 3, 4],
            "attention-causal" or "transformer-block" => [3, 5, 8],
            "course-deep-cat-shape" => [6, 64 * 3],
            "cnn-pad-conv-pool" or "cnn-same-stride-2" => [2, 6, 6, 3],
            "avgpool-same-ceil-global" => [2, 9, 9, 3],
            "reshape-conv" or "augmented-reshape-conv" => [3, 48],
            "embedding-rnn-sequences" => [4, 6],
            "embedding-gpt" => [3, 6],
            "rnn-last" or "lstm-sequences" or "lstm-last" or "gru-sequences" or "gru-last" => [3, 5, 3],
            _ => [7, 4],
        };
        foreach (var (_, p) in model.NamedParameters().Where(p => p.Parameter.Role == ParameterRole.Bias)) Randomize(p.Value, random);
        if (name.StartsWith("embedding", StringComparison.Ordinal))
            return (model, Tensor<float>.FromArray(Enumerable.Range(0, shape[0] * shape[1]).Select(i => (float)(i * 7 % 10)).ToArray(), shape));
        return (model, Tensor<float>.RandomNormal(random, shape));
    }

    /// <summary>A GPT written out by hand (not through CharacterModel): ids → Embedding (V, d) → PositionalEmbedding (T_max, d)
    /// → causal pre-norm blocks of 4·d hidden → LayerNorm → Dense (V), logits at every position.</summary>
    public static Sequential<float> Gpt(int vocabulary, int context, int width, int heads, int blocks) =>
        new([new Embedding<float>(vocabulary, width), new PositionalEmbedding<float>(context, width),
            .. Enumerable.Range(0, blocks).Select(_ => new TransformerBlock<float>(width, heads, 4 * width, causal: true)),
            new LayerNorm<float>(width), new Dense<float>(width, vocabulary)]);

    /// <summary>Biases away from zero, so a mixed-up gate order or bias slot shows.</summary>
    private static void Randomize(Tensor<float> bias, NumpyRandom random)
    {
        var noise = Tensor<float>.RandomNormal(random, bias.Length).AsReadOnlySpan();
        var b = bias.AsSpan();
        for (int i = 0; i < b.Length; i++) b[i] = 0.5f * noise[i];
    }

    /// <summary>Batch norm with statistics, γ and β away from their starting values, so the export must carry them.</summary>
    private static void Randomize(BatchNorm<float> norm, NumpyRandom random)
    {
        int features = norm.Features;
        var s = Tensor<float>.RandomUniform(random, 4, features).AsReadOnlySpan();
        for (int j = 0; j < features; j++)
        {
            norm.RunningMean[j] = s[j] - 0.5f;
            norm.RunningVariance[j] = 0.5f + s[features + j];
            norm.Scale.Value[j] = 0.5f + s[2 * features + j];
            norm.Shift.Value[j] = s[3 * features + j] - 0.5f;
        }
    }
}
