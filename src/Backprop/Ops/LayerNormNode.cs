using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Layer normalisation over the last axis, one row (one token, one example) at a time: with N = the last axis'
/// length, μ = (1/N) Σ x, σ² = (1/N) Σ (x − μ)² (biased, as PyTorch), x̂ = (x − μ)/√(σ² + ε), y = γ ∘ x̂ + β.
/// Backward, per row with g = dy ∘ γ: dx = (1/(N·√(σ² + ε))) · (N·g − Σ g − x̂·Σ(g ∘ x̂)); over all rows dγ = Σ dy ∘ x̂,
/// dβ = Σ dy. Fused (one node instead of a dozen composed ones) for speed and so that x̂ and 1/√(σ² + ε) are kept from
/// forward to backward; the same statistics in training and evaluation, so there is no running state.</summary>
public sealed class LayerNormNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _normalized = new(), _scratch = new();
    private T[] _inverseStd = [], _sumDy = [], _sumDyXhat = [];

    public LayerNormNode() : base(3) { }

    /// <summary>y = γ ∘ (x − μ)/√(σ² + ε) + β with μ, σ² of each row of x's last axis.</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, T epsilon)
    {
        int features = gamma.Length;
        if (x.Rank < 1 || x.Dim(-1) != features)
            throw new ArgumentException($"Layer norm over {features} features needs inputs (…, {features}); got {ShapeMath.Format(x.Shape)}.");
        if (beta.Length != features)
            throw new ArgumentException($"Layer norm's β must have {features} entries, as γ; got {ShapeMath.Format(beta.Shape)}.");
        (Inputs[0], Inputs[1], Inputs[2]) = (x, gamma, beta);
        int rows = x.Length / features;
        if (_inverseStd.Length < rows) _inverseStd = new T[rows];
        if (_sumDy.Length != features) (_sumDy, _sumDyXhat) = (new T[features], new T[features]);
        var xhat = _normalized.Like(x);
        var y = _output.Like(x);
        ReadOnlySpan<T> xs = x.AsReadOnlySpan(), g = gamma.AsReadOnlySpan(), b = beta.AsReadOnlySpan();
        Span<T> hs = xhat.AsSpan(), ys = y.AsSpan();
        T n = T.CreateChecked(features);
        for (int r = 0; r < rows; r++)
        {
            var row = xs.Slice(r * features, features);
            T mean = T.Zero;
            for (int j = 0; j < features; j++) mean += row[j];
            mean /= n;
            T variance = T.Zero;
            for (int j = 0; j < features; j++)
            {
                T d = row[j] - mean;
                variance += d * d;
            }
            T inverseStd = _inverseStd[r] = T.One / T.Sqrt(variance / n + epsilon);
            for (int j = 0; j < features; j++)
            {
                int i = r * features + j;
                hs[i] = (row[j] - mean) * inverseStd;
                ys[i] = g[j] * hs[i] + b[j];
            }
        }
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var (x, gamma, beta) = (Inputs[0]!, Inputs[1]!, Inputs[2]!);
        int features = gamma.Length, rows = x.Length / features;
        var ds = dy.AsReadOnlySpan();
        var hs = _normalized.Like(x).AsReadOnlySpan();
        var g = gamma.AsReadOnlySpan();
        VectorGradient.ScaleAndShift(gamma, beta, ds, hs, _sumDy, _sumDyXhat);
        var dxTarget = Graph.GradientTarget(x, out bool accumulate);
        if (dxTarget is null) return;
        var dx = accumulate ? _scratch.Like(x) : dxTarget;
        var dxs = dx.AsSpan();
        T n = T.CreateChecked(features);
        for (int r = 0; r < rows; r++)
        {
            T sumG = T.Zero, sumGXhat = T.Zero;
            for (int j = 0; j < features; j++)
            {
                int i = r * features + j;
                T gi = ds[i] * g[j];
                sumG += gi;
                sumGXhat += gi * hs[i];
            }
            T scale = _inverseStd[r] / n;
            for (int j = 0; j < features; j++)
            {
                int i = r * features + j;
                dxs[i] = scale * (n * ds[i] * g[j] - sumG - hs[i] * sumGXhat);
            }
        }
        if (accumulate) dxTarget.AddInPlace(dx);
    }
}
