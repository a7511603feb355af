using Backprop.Layers;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>A steady training step (forward, backward) of each attention-side layer allocates nothing once its buffers
/// exist. (A whole <see cref="TransformerBlock{T}"/> does allocate: its residual sums are the tensor operator +, which
/// makes a new tensor per call, as a user's own forward code would.)</summary>
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
}
