using System.Numerics;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A pre-norm transformer block (GPT-2's; PyTorch's nn.TransformerEncoderLayer(norm_first=True,
/// activation="gelu")): h = x + Attention(LayerNorm₁(x)), y = h + W₂·GELU(W₁·LayerNorm₂(h) + b₁) + b₂, on (m, T, d_model).
/// Written as forward code only, from the library's layers and two <see cref="Residual{T}"/> adds (the operator
/// <c>x + f(x)</c> gives the same values and gradients, but a new tensor each step), as a user would write their own:
/// the graph gives every gradient. The hidden width of the MLP is usually 4·d_model. Dropout acts on the attention weights
/// only (PyTorch's layer also drops after each sublayer and inside the MLP; with dropout 0 the two agree).</summary>
public sealed class TransformerBlock<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerNorm<T> _attentionNorm;
    private readonly MultiHeadAttention<T> _attention;
    private readonly LayerNorm<T> _mlpNorm;
    private readonly Dense<T> _expand;
    private readonly Dense<T> _contract;
    private readonly Residual<T> _afterAttention = new(), _afterMlp = new();

    /// <summary>A block of <paramref name="heads"/> heads over width <paramref name="width"/>, an MLP of
    /// <paramref name="hiddenWidth"/> GELU units, <paramref name="dropout"/> on the attention weights.</summary>
    public TransformerBlock(int width, int heads, int hiddenWidth, double dropout = 0, bool causal = false, double epsilon = Op.LayerNormEpsilon, uint seed = 0)
    {
        _attentionNorm = new LayerNorm<T>(width, epsilon);
        _attention = new MultiHeadAttention<T>(width, heads, dropout: dropout, causal: causal, seed: seed);
        _mlpNorm = new LayerNorm<T>(width, epsilon);
        _expand = new Dense<T>(width, hiddenWidth, Activation.Gelu);
        _contract = new Dense<T>(hiddenWidth, width);
    }

    /// <summary>LayerNorm₁, before attention.</summary>
    public LayerNorm<T> AttentionNorm => _attentionNorm;

    /// <summary>The self-attention.</summary>
    public MultiHeadAttention<T> Attention => _attention;

    /// <summary>LayerNorm₂, before the MLP.</summary>
    public LayerNorm<T> MlpNorm => _mlpNorm;

    /// <summary>W₁ (hidden, d_model), b₁, with GELU.</summary>
    public Dense<T> Expand => _expand;

    /// <summary>W₂ (d_model, hidden), b₂.</summary>
    public Dense<T> Contract => _contract;

    public override Tensor<T> Forward(Tensor<T> input) => Forward(input, null);

    /// <summary>The block with a key padding mask (m, T), non-zero at padded positions.</summary>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T>? keyPadding)
    {
        var h = _afterAttention.Add(input, _attention.Forward(_attentionNorm.Forward(input), keyPadding));
        return _afterMlp.Add(h, _contract.Forward(_expand.Forward(_mlpNorm.Forward(h))));
    }

    public override string ToString() => $"TransformerBlock({_attention.Width}, {_attention.Heads} heads, {_expand.OutputSize} hidden)";
}
