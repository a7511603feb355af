using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>dθ = v, or dθ += v when θ already has a gradient in this pass: how the normalisations (batch norm, layer norm)
/// hand over the per-feature sums Σ dy ∘ x̂ and Σ dy as dγ and dβ.</summary>
internal static class VectorGradient
{
    public static void Write<T>(Tensor<T> parameter, ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = Graph.GradientTarget(parameter, out bool accumulate);
        if (target is null) return;
        var s = target.AsSpan();
        for (int j = 0; j < s.Length; j++) s[j] = accumulate ? s[j] + values[j] : values[j];
    }
}
