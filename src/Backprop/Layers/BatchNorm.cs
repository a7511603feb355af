using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Batch normalisation over the last axis (features of 2-D inputs, channels of channels-last images and
/// sequences): y = γ ∘ (x − μ)/√(σ² + ε) + β. Training uses the batch's μ and σ² and updates the running statistics,
/// running ← (1 − momentum)·running + momentum·batch; evaluation uses the running statistics (PyTorch's defaults:
/// momentum 0.1, ε = 1e−5).</summary>
public sealed class BatchNorm<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, BatchNormNode<T>> _nodes = new(() => new BatchNormNode<T>());

    public BatchNorm(int features, double momentum = 0.1, double epsilon = 1e-5)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, "Batch norm needs at least one feature.");
        if (!(momentum is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The momentum must be in [0, 1].");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive.");
        Scale = new Parameter<T>("gamma", Tensor<T>.Ones(features), ParameterRole.Scale);
        Shift = new Parameter<T>("beta", Tensor<T>.Zeros(features), ParameterRole.Shift);
        RunningMean = Tensor<T>.Zeros(features);
        RunningVariance = Tensor<T>.Ones(features);
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>γ, one per feature.</summary>
    public Parameter<T> Scale { get; }

    /// <summary>β, one per feature.</summary>
    public Parameter<T> Shift { get; }

    /// <summary>The running mean μ used in evaluation.</summary>
    public Tensor<T> RunningMean { get; }

    /// <summary>The running variance σ² used in evaluation.</summary>
    public Tensor<T> RunningVariance { get; }

    public double Momentum { get; }
    public double Epsilon { get; }

    /// <summary>Number of features normalised.</summary>
    public int Features => Scale.Value.Length;

    public override IEnumerable<(string Name, Tensor<T> Buffer)> OwnBuffers =>
        [("running_mean", RunningMean), ("running_var", RunningVariance)];

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var node = _nodes.Next();
        T epsilon = T.CreateChecked(Epsilon);
        return IsTraining
            ? node.Forward(input, Scale.Value, Shift.Value, epsilon, RunningMean, RunningVariance, T.CreateChecked(Momentum))
            : node.Forward(input, Scale.Value, Shift.Value, epsilon, RunningMean, RunningVariance);
    }

    public override string ToString() => $"BatchNorm({Features})";
}
