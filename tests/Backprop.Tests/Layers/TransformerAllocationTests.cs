using Backprop.Layers;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>A steady training step (forward, backward) of each attention-side layer allocates nothing once its buffers
/// exist, and a whole <see cref="TransformerBlock{T}"/> (its residual sums through <see cref="Residual{T}"/>) allocates no
/// tensor.</summary>
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
    public void A_transformer_block_allocates_no_tensor_per_step()
    {
        // With the operator + its two residual sums made two (4, 6, 8) tensors and their gradients each step (over 1.5 KB
        // here, 33 MB a step for the character GPT). What is left, 40 B a step, comes from a residual whose input has a
        // second use that needs a gradient (h feeding both LayerNorm and the sum); it is not a tensor.
        var x = Tensor<float>.RandomNormal(new NumpyRandom(1), 4, 6, 8);
        Assert.InRange(RecurrentAllocationTests.StepBytes(new TransformerBlock<float>(8, 2, 32, causal: true), x), 0, 64);
    }
}
