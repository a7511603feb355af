using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Batch normalisation over every axis but the last (features of a table, channels of a channels-last image):
/// x̂ = (x − μ)/√(σ² + ε), y = γ ∘ x̂ + β. In training μ and σ² are the batch's (σ² biased) and backward is
/// dx = (γ/√(σ² + ε))/N · (N·dy − Σdy − x̂·Σ(dy∘x̂)), dγ = Σ dy∘x̂, dβ = Σ dy (sums over the N rows).
/// In evaluation μ and σ² are the given running statistics, constants, so dx = dy·γ/√(σ² + ε).</summary>
public sealed class BatchNormNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _normalized = new(), _scratch = new();
    private T[] _inverseStd = [], _mean = [], _sumDy = [], _sumDyXhat = [], _a = [], _b = [], _c = [];
    private bool _batchStatistics;

    public BatchNormNode() : base(3) { }

    /// <summary>Training form: normalises with the batch's statistics and, when given, moves the running statistics
    /// toward them: running ← (1 − momentum)·running + momentum·batch (the running variance is the unbiased one).</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, T epsilon, Tensor<T>? runningMean, Tensor<T>? runningVariance, T momentum)
    {
        var (rows, features) = Prepare(x, gamma, beta);
        var xs = x.AsReadOnlySpan();
        Array.Clear(_mean);
        var variance = _inverseStd;
        Array.Clear(variance);
        ColumnSums.AddInto(xs, features, _mean);
        T n = T.CreateChecked(rows);
        for (int j = 0; j < features; j++) _mean[j] /= n;
        ChannelPasses.AddSquaredDeviations(xs, features, _mean, variance);
        for (int j = 0; j < features; j++) variance[j] /= n;
        if (runningMean is not null && runningVariance is not null)
        {
            var rm = runningMean.AsSpan();
            var rv = runningVariance.AsSpan();
            T unbiased = rows > 1 ? n / (n - T.One) : T.One;
            for (int j = 0; j < features; j++)
            {
                rm[j] = (T.One - momentum) * rm[j] + momentum * _mean[j];
                rv[j] = (T.One - momentum) * rv[j] + momentum * variance[j] * unbiased;
            }
        }
        for (int j = 0; j < features; j++) _inverseStd[j] = T.One / T.Sqrt(variance[j] + epsilon);
        _batchStatistics = true;
        return Normalize(x, gamma, beta, rows, features);
    }

    /// <summary>Evaluation form: normalises with the given (running) statistics.</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, T epsilon, Tensor<T> mean, Tensor<T> variance)
    {
        var (rows, features) = Prepare(x, gamma, beta);
        var ms = mean.AsReadOnlySpan();
        var vs = variance.AsReadOnlySpan();
        for (int j = 0; j < features; j++)
        {
            _mean[j] = ms[j];
            _inverseStd[j] = T.One / T.Sqrt(vs[j] + epsilon);
        }
        _batchStatistics = false;
        return Normalize(x, gamma, beta, rows, features);
    }

    private (int Rows, int Features) Prepare(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta)
    {
        int features = gamma.Length;
        if (x.Rank < 2 || x.Dim(-1) != features)
            throw new ArgumentException($"Batch norm over {features} features needs inputs (m, …, {features}); got {ShapeMath.Format(x.Shape)}.");
        if (_mean.Length != features)
            (_mean, _inverseStd, _sumDy, _sumDyXhat, _a, _b, _c) = (new T[features], new T[features], new T[features], new T[features], new T[features], new T[features], new T[features]);
        (Inputs[0], Inputs[1], Inputs[2]) = (x, gamma, beta);
        return (x.Length / features, features);
    }

    private Tensor<T> Normalize(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, int rows, int features)
    {
        var xhat = _normalized.Like(x);
        var y = _output.Like(x);
        ChannelPasses.Normalize(x.AsReadOnlySpan(), features, _mean, _inverseStd, gamma.AsReadOnlySpan(), beta.AsReadOnlySpan(), xhat.AsSpan(), y.AsSpan());
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var (x, gamma, beta) = (Inputs[0]!, Inputs[1]!, Inputs[2]!);
        int features = gamma.Length, rows = x.Length / features;
        var ds = dy.AsReadOnlySpan();
        var hs = _normalized.Like(x).AsReadOnlySpan();
        var g = gamma.AsReadOnlySpan();
        var (sumDy, sumDyXhat) = (_sumDy, _sumDyXhat);
        VectorGradient.ScaleAndShift(gamma, beta, ds, hs, sumDy, sumDyXhat);
        var dxTarget = Graph.GradientTarget(x, out bool accumulate);
        if (dxTarget is null) return;
        var dx = accumulate ? _scratch.Like(x) : dxTarget;
        // dx = A∘dy + B∘x̂ + C with A = γ/√(σ² + ε); in training B = −A·Σ(dy∘x̂)/N and C = −A·Σdy/N, in evaluation 0.
        T n = T.CreateChecked(rows);
        for (int j = 0; j < features; j++)
        {
            T scale = g[j] * _inverseStd[j];
            _a[j] = scale;
            _b[j] = _batchStatistics ? -scale * sumDyXhat[j] / n : T.Zero;
            _c[j] = _batchStatistics ? -scale * sumDy[j] / n : T.Zero;
        }
        ChannelPasses.Combine(ds, hs, features, _a, _b, _c, dx.AsSpan());
        if (accumulate) dxTarget.AddInPlace(dx);
    }
}
