using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Layer normalisation over the last axis (each token's, or each example's, features): y = γ ∘ (x − μ)/√(σ² + ε) + β
/// with μ and σ² (biased) of that row alone, so training and evaluation compute the same thing and there is no running
/// state (PyTorch's nn.LayerNorm(features), ε = 1e−5 by default). γ starts at 1 and β at 0. One fused op,
/// <see cref="LayerNormNode{T}"/>.</summary>
public sealed class LayerNorm<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, LayerNormNode<T>> _nodes = new(() => new LayerNormNode<T>());

    public LayerNorm(int features, double epsilon = Op.LayerNormEpsilon)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, "Layer norm needs at least one feature.");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive.");
        Scale = new Parameter<T>("gamma", Tensor<T>.Ones(features), ParameterRole.Scale);
        Shift = new Parameter<T>("beta", Tensor<T>.Zeros(features), ParameterRole.Shift);
        Epsilon = epsilon;
    }

    /// <summary>γ, one per feature.</summary>
    public Parameter<T> Scale { get; }

    /// <summary>β, one per feature.</summary>
    public Parameter<T> Shift { get; }

    /// <summary>ε, added to σ² under the square root.</summary>
    public double Epsilon { get; }

    /// <summary>Number of features normalised (the last axis).</summary>
    public int Features => Scale.Value.Length;

    public override Tensor<T> Forward(Tensor<T> input) =>
        _nodes.Next().Forward(input, Scale.Value, Shift.Value, T.CreateChecked(Epsilon));

    public override string ToString() => $"LayerNorm({Features})";
}
