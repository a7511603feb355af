using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Ops.Attention;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Multi-head scaled dot-product attention (Vaswani et al.), batch-first: for queries (m, T_q, d_model) and keys
/// and values (m, T_k, d_model), head k computes Qₖ = X_q·W_Qₖᵀ + b_Qₖ, Kₖ = X_k·W_Kₖᵀ + b_Kₖ, Vₖ = X_v·W_Vₖᵀ + b_Vₖ,
/// Pₖ = dropout(softmax(Qₖ·Kₖᵀ/√d_k + M)), Hₖ = Pₖ·Vₖ, and the output is [H₁ … H_h]·W_Oᵀ + b_O (m, T_q, d_model).
/// M masks future keys when <see cref="Causal"/> and padded keys given a key padding mask (m, T_k), non-zero = padding.
/// The h heads' projections are one dense layer each for Q, K, V (W_Q: (h·d_k, d_model), W_V: (h·d_v, d_model)) and one for
/// the output (W_O: (d_model, h·d_v)): PyTorch's nn.MultiheadAttention with in_proj_weight = [W_Q; W_K; W_V] when
/// d_k = d_v = d_model/h. Dropout drops attention weights in training only.</summary>
public sealed class MultiHeadAttention<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T> _query, _key, _value, _output;
    private readonly Dropout<T> _dropout;
    // One pool per call site, not per node type: a pool hands a node out again once Graph.Epoch moves on, which another
    // thread's BeginStep can do in the middle of this forward; a second Next() on the same pool could then overwrite
    // the first one's output (unrecorded forwards, under NoGrad, have no Pending mark to protect it).
    private readonly NodePool<T, HeadTransposeNode<T>> _splitQuery = new(() => new HeadTransposeNode<T>()),
        _splitKey = new(() => new HeadTransposeNode<T>()), _splitValue = new(() => new HeadTransposeNode<T>()), _merge = new(() => new HeadTransposeNode<T>());
    private readonly NodePool<T, BatchedMatMulNode<T>> _scores = new(() => new BatchedMatMulNode<T>()), _context = new(() => new BatchedMatMulNode<T>());
    private readonly NodePool<T, ScaledMaskedSoftmaxNode<T>> _softmax = new(() => new ScaledMaskedSoftmaxNode<T>());

    /// <summary><paramref name="heads"/> heads over a model width d_model = <paramref name="width"/>, each with queries and
    /// keys of <paramref name="keyWidth"/> (d_k, default d_model/h) and values of <paramref name="valueWidth"/> (d_v, default
    /// d_model/h). <paramref name="dropout"/> is the rate on the attention weights, drawn from <paramref name="seed"/>.</summary>
    public MultiHeadAttention(int width, int heads, int? keyWidth = null, int? valueWidth = null, double dropout = 0, bool causal = false, uint seed = 0)
    {
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "Attention needs a model width of at least 1.");
        if (heads <= 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, "Attention needs at least one head.");
        if ((keyWidth is null || valueWidth is null) && width % heads != 0)
            throw new ArgumentException($"The model width {width} is not divisible by {heads} heads; give the key and value widths.");
        KeyWidth = keyWidth ?? width / heads;
        ValueWidth = valueWidth ?? width / heads;
        if (KeyWidth <= 0) throw new ArgumentOutOfRangeException(nameof(keyWidth), keyWidth, "The key width must be at least 1.");
        if (ValueWidth <= 0) throw new ArgumentOutOfRangeException(nameof(valueWidth), valueWidth, "The value width must be at least 1.");
        (Width, Heads, Causal) = (width, heads, causal);
        _query = new Dense<T>(width, heads * KeyWidth);
        _key = new Dense<T>(width, heads * KeyWidth);
        _value = new Dense<T>(width, heads * ValueWidth);
        _output = new Dense<T>(heads * ValueWidth, width);
        _dropout = new Dropout<T>(dropout, seed);
    }

    /// <summary>d_model, the width of inputs and outputs.</summary>
    public int Width { get; }

    /// <summary>h, the number of heads.</summary>
    public int Heads { get; }

    /// <summary>d_k, the width of each head's queries and keys.</summary>
    public int KeyWidth { get; }

    /// <summary>d_v, the width of each head's values.</summary>
    public int ValueWidth { get; }

    /// <summary>Whether query i attends only to keys j ≤ i.</summary>
    public bool Causal { get; }

    /// <summary>The dropout rate on the attention weights.</summary>
    public double DropoutRate => _dropout.Rate;

    /// <summary>The seed of the dropout masks.</summary>
    public uint Seed => _dropout.Seed;

    /// <summary>W_Q (h·d_k, d_model) and b_Q.</summary>
    public Dense<T> Query => _query;

    /// <summary>W_K (h·d_k, d_model) and b_K.</summary>
    public Dense<T> Key => _key;

    /// <summary>W_V (h·d_v, d_model) and b_V.</summary>
    public Dense<T> Value => _value;

    /// <summary>W_O (d_model, h·d_v) and b_O.</summary>
    public Dense<T> Output => _output;

    /// <summary>Self-attention: queries, keys and values all from <paramref name="input"/> (m, T, d_model).</summary>
    public override Tensor<T> Forward(Tensor<T> input) => Forward(input, input, input, null);

    /// <summary>Self-attention with a key padding mask (m, T): non-zero where a position is padding, never attended to.</summary>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T>? keyPadding) => Forward(input, input, input, keyPadding);

    /// <summary>Attention of <paramref name="query"/> (m, T_q, d_model) over <paramref name="key"/> and
    /// <paramref name="value"/> (m, T_k, d_model), with an optional key padding mask (m, T_k).</summary>
    public Tensor<T> Forward(Tensor<T> query, Tensor<T> key, Tensor<T> value, Tensor<T>? keyPadding)
    {
        if (query.Rank != 3 || key.Rank != 3 || value.Rank != 3)
            throw new ArgumentException($"Attention needs (m, T, d_model) queries, keys and values; got {ShapeMath.Format(query.Shape)}, {ShapeMath.Format(key.Shape)} and {ShapeMath.Format(value.Shape)}.");
        var q = _splitQuery.Next().Split(_query.Forward(query), Heads);
        var k = _splitKey.Next().Split(_key.Forward(key), Heads);
        var v = _splitValue.Next().Split(_value.Forward(value), Heads);
        var scores = _scores.Next().Forward(q, k, transposeA: false, transposeB: true);
        var weights = _softmax.Next().Forward(scores, T.One / T.Sqrt(T.CreateChecked(KeyWidth)), Causal, keyPadding);
        var context = _context.Next().Forward(_dropout.Forward(weights), v, transposeA: false, transposeB: false);
        return _output.Forward(_merge.Next().Merge(context));
    }

    public override string ToString() => $"MultiHeadAttention({Width}, {Heads} heads{(Causal ? ", causal" : "")})";
}
