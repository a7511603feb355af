using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Tests.Ops;

namespace Backprop.Tests.Layers;

/// <summary>Every transformer layer and option against central differences in float64 (the course's relative difference,
/// ε = 1e-7): inputs and every parameter; 1 and 4 heads, causal and key-padding masks, cross-attention, own key and value
/// widths, dropout configured but off (evaluation mode), learned and sinusoidal positions, and a whole pre-norm block.</summary>
public class TransformerGradientCheckTests
{
    private const double Tolerance = 1e-7;

    private static Tensor<double> Random(uint seed, params int[] shape) => Tensor<double>.RandomNormal(new NumpyRandom(seed), shape);

    /// <summary>Random values in every parameter (biases and γ, β included, so that no gradient hides behind a 0 or a 1).</summary>
    private static Tensor<double>[] Randomise(Module<double> module, uint seed)
    {
        var random = new NumpyRandom(seed);
        foreach (var p in module.Parameters) p.Value.CopyFrom(Tensor<double>.RandomNormal(random, p.Value.Shape.ToArray()) * 0.5);
        return module.Parameters.Select(p => p.Value).ToArray();
    }

    private static void Check(Module<double> module, Tensor<double>[] inputs, Func<Tensor<double>[], Tensor<double>> forward)
    {
        var all = inputs.Concat(Randomise(module, 11)).ToArray();
        double d = GradientCheck.RelativeDifference(forward, all);
        Assert.True(d < Tolerance, $"relative difference {d:E2}");
    }

    /// <summary>A key padding mask (m, T): example n has its last 1 + n % 2 positions padded.</summary>
    internal static Tensor<double> Padding(int examples, int steps)
    {
        var mask = Tensor<double>.Zeros(examples, steps);
        for (int n = 0; n < examples; n++)
            for (int t = steps - 1 - n % 2; t < steps; t++) mask[n, t] = 1;
        return mask;
    }

    [Theory]
    [InlineData(new[] { 4, 6 })]
    [InlineData(new[] { 2, 3, 5 })]
    public void LayerNorm_gradients_match_finite_differences(int[] shape)
    {
        var norm = new LayerNorm<double>(shape[^1]);
        Check(norm, [Random(1, shape)], t => norm.Forward(t[0]));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    public void Self_attention_gradients_match_finite_differences(int heads, bool causal)
    {
        var attention = new MultiHeadAttention<double>(8, heads, causal: causal);
        Check(attention, [Random(1, 2, 5, 8)], t => attention.Forward(t[0]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Attention_with_a_key_padding_mask_gradients_match_finite_differences(int heads)
    {
        var attention = new MultiHeadAttention<double>(8, heads);
        var padding = Padding(3, 4);
        Check(attention, [Random(1, 3, 4, 8)], t => attention.Forward(t[0], padding));
    }

    [Fact]
    public void Cross_attention_with_own_key_and_value_widths_gradients_match_finite_differences()
    {
        var attention = new MultiHeadAttention<double>(6, 2, keyWidth: 4, valueWidth: 5);
        Tensor<double>[] inputs = [Random(1, 2, 3, 6), Random(2, 2, 5, 6), Random(3, 2, 5, 6)];
        Check(attention, inputs, t => attention.Forward(t[0], t[1], t[2], Padding(2, 5)));
    }

    [Fact]
    public void Attention_with_dropout_in_evaluation_mode_gradients_match_finite_differences()
    {
        var attention = new MultiHeadAttention<double>(8, 2, dropout: 0.3, causal: true, seed: 4);
        attention.Eval();
        Check(attention, [Random(1, 2, 4, 8)], t => attention.Forward(t[0]));
    }

    [Fact]
    public void PositionalEmbedding_gradients_match_finite_differences()
    {
        var positions = new PositionalEmbedding<double>(6, 4);
        Check(positions, [Random(1, 2, 5, 4)], t => positions.Forward(t[0]));
    }

    [Fact]
    public void SinusoidalPositionalEncoding_passes_the_gradient_through()
    {
        var positions = new SinusoidalPositionalEncoding<double>(6, 4);
        Check(positions, [Random(1, 2, 5, 4)], t => positions.Forward(t[0]));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, true)]
    public void TransformerBlock_gradients_match_finite_differences(int heads, bool causal)
    {
        var block = new TransformerBlock<double>(8, heads, 12, causal: causal);
        Check(block, [Random(1, 2, 4, 8)], t => block.Forward(t[0]));
    }

    [Fact]
    public void TransformerBlock_with_key_padding_gradients_match_finite_differences()
    {
        var block = new TransformerBlock<double>(8, 2, 12);
        var padding = Padding(2, 4);
        Check(block, [Random(1, 2, 4, 8)], t => block.Forward(t[0], padding));
    }

    [Fact]
    public void A_whole_transformer_model_passes_the_course_gradient_check()
    {
        var model = new Sequential<double>(new PositionalEmbedding<double>(5, 8), new TransformerBlock<double>(8, 2, 16, causal: true),
            new LayerNorm<double>(8), new Dense<double>(8, 1));
        Randomise(model, 5);
        var (x, y) = (Random(1, 3, 4, 8), Random(2, 3, 4, 1));
        var result = GradientChecker.Check(model, x, y, Loss.MeanSquaredError);
        Assert.True(result.Difference < 1e-7, result.ToString());
    }
}
