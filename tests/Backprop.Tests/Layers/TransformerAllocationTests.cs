using Backprop.Layers;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>A steady training step (forward, backward) of each attention-side layer allocates nothing once its buffers
/// exist, and so does a whole <see cref="TransformerBlock{T}"/> (its residual sums through <see cref="Residual{T}"/>).</summary>
public class TransformerAllocationTests
{
    [Theory]
    [InlineData("layernorm")]
    [InlineData("attention")]
    [InlineData("causal-attention-with-dropout")]
    [InlineData("positional-embedding")]
    [InlineData("sinusoidal")]
    public void A_steady_step_allocates_nothing(string kind)
    {
        var x = Tensor<float>.RandomNormal(new NumpyRandom(1), 4, 6, 8);
        Module<float> layer = kind switch
        {
            "layernorm" => new LayerNorm<float>(8),
            "attention" => new MultiHeadAttention<float>(8, 2),
            "causal-attention-with-dropout" => new MultiHeadAttention<float>(8, 4, dropout: 0.2, causal: true),
            "positional-embedding" => new PositionalEmbedding<float>(7, 8),
            _ => new Sequential<float>(new SinusoidalPositionalEncoding<float>(7, 8), new LayerNorm<float>(8)),
        };
        Assert.Equal(0, RecurrentAllocationTests.StepBytes(layer, x));
    }

    [Fact]
    public void A_transformer_block_allocates_nothing_per_step()
    {
        // With the operator + its two residual sums made two (4, 6, 8) tensors and their gradients each step (over 1.5 KB
        // here, 33 MB a step for the character GPT). The last 40 B a step was the broadcast shape of the in-place add
        // that accumulates the gradient of h, which feeds both LayerNorm and the second sum; same shapes now skip it.
        var x = Tensor<float>.RandomNormal(new NumpyRandom(1), 4, 6, 8);
        Assert.Equal(0, RecurrentAllocationTests.StepBytes(new TransformerBlock<float>(8, 2, 32, causal: true), x));
    }
}
