using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Attention;

/// <summary>The attention weights P = softmax(s·S + M) over the last axis of the scores S, (m, T_q, T_k) or
/// (m, h, T_q, T_k), with s the scale (1/√d_k) and M = −∞ where a key is masked, 0 elsewhere: key j is masked for query i
/// when the mask is causal and j &gt; i, or when the example's key padding (m, T_k) is non-zero at j (PyTorch's
/// key_padding_mask = True). Masked weights are exactly 0; a row with every key masked is all zeros (PyTorch gives NaN).
/// Backward, per row: dS = s·P ∘ (dP − Σⱼ dPⱼPⱼ), so masked entries get no gradient.
/// Fused because the scale, the mask, the row max and the softmax are four passes composed, and the mask as −∞ added to
/// S would make the composed backward meet ∞ − ∞.</summary>
public sealed class ScaledMaskedSoftmaxNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _scratch = new();
    private T _scale;

    public ScaledMaskedSoftmaxNode() : base(1) { }

    /// <summary>P = softmax(scale·S + M), M from <paramref name="causal"/> and <paramref name="keyPadding"/> (null: none).</summary>
    public Tensor<T> Forward(Tensor<T> scores, T scale, bool causal, Tensor<T>? keyPadding)
    {
        if (scores.Rank is not (3 or 4))
            throw new ArgumentException($"Attention scores must be (m, T_q, T_k) or (m, h, T_q, T_k); got {ShapeMath.Format(scores.Shape)}.");
        int examples = scores.Dim(0), queries = scores.Dim(-2), keys = scores.Dim(-1);
        if (causal && queries != keys)
            throw new ArgumentException($"A causal mask needs as many queries as keys; got {queries} queries and {keys} keys.");
        if (keyPadding is not null && (keyPadding.Rank != 2 || keyPadding.Dim(0) != examples || keyPadding.Dim(1) != keys))
            throw new ArgumentException($"The key padding mask must be (m, T_k) = ({examples}, {keys}); got {ShapeMath.Format(keyPadding.Shape)}.");
        (Inputs[0], _scale) = (scores, scale);
        var p = _output.Like(scores);
        ReadOnlySpan<T> s = scores.AsReadOnlySpan(), pad = keyPadding is null ? default : keyPadding.AsReadOnlySpan();
        var ps = p.AsSpan();
        int rows = keys == 0 ? 0 : scores.Length / keys, rowsPerExample = examples == 0 ? 0 : rows / examples;
        for (int r = 0; r < rows; r++)
        {
            int query = r % queries, visible = causal ? query + 1 : keys;
            var padRow = keyPadding is null ? default : pad.Slice(r / rowsPerExample * keys, keys);
            var sr = s.Slice(r * keys, keys);
            var pr = ps.Slice(r * keys, keys);
            pr.Clear();
            if (padRow.IsEmpty)
            {
                // Only a causal prefix (or the whole row) is visible: the vectorised softmax of the scaled prefix.
                var visibleWeights = pr[..visible];
                Elementwise.BinaryScalarRight<T, MultiplyOperator<T>>(sr[..visible], scale, visibleWeights);
                Kernels.Softmax.Rows(visibleWeights, visibleWeights, 1, visible);
                continue;
            }
            T max = T.NegativeInfinity;
            for (int j = 0; j < visible; j++)
                if (padRow[j] == T.Zero) max = T.Max(max, scale * sr[j]);
            if (T.IsNegativeInfinity(max)) continue;
            T sum = T.Zero;
            for (int j = 0; j < visible; j++)
                if (padRow[j] == T.Zero) sum += pr[j] = T.Exp(scale * sr[j] - max);
            for (int j = 0; j < visible; j++) pr[j] /= sum;
        }
        return Graph.Record(p, this);
    }

    public override void Backward(Tensor<T> dp)
    {
        var scores = Inputs[0]!;
        var dsTarget = Graph.GradientTarget(scores, out bool accumulate);
        if (dsTarget is null) return;
        var ds = accumulate ? _scratch.Like(scores) : dsTarget;
        ReadOnlySpan<T> ps = Output!.AsReadOnlySpan(), g = dp.AsReadOnlySpan();
        var d = ds.AsSpan();
        int keys = scores.Dim(-1), rows = keys == 0 ? 0 : scores.Length / keys;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> pr = ps.Slice(r * keys, keys), gr = g.Slice(r * keys, keys);
            var dr = d.Slice(r * keys, keys);
            Elementwise.Binary<T, MultiplyOperator<T>>(gr, pr, dr);
            T dot = Reductions.Sum<T>(dr);
            Elementwise.BinaryScalarRight<T, SubtractOperator<T>>(gr, dot, dr);
            Elementwise.Binary<T, MultiplyOperator<T>>(dr, pr, dr);
            Elementwise.BinaryScalarRight<T, MultiplyOperator<T>>(dr, _scale, dr);
        }
        if (accumulate) dsTarget.AddInPlace(ds);
    }
}
