using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>dθ = v, or dθ += v when θ already has a gradient in this pass: how the normalisations (batch norm, layer norm)
/// hand over the per-feature sums Σ dy ∘ x̂ and Σ dy as dγ and dβ.</summary>
internal static class VectorGradient
{
    /// <summary>dγ = Σ_rows dy ∘ x̂ and dβ = Σ_rows dy over rows of γ's length; the sums are left in
    /// <paramref name="sumDyXhat"/> and <paramref name="sumDy"/> (γ's length each) for the caller's dx.</summary>
    public static void ScaleAndShift<T>(Tensor<T> gamma, Tensor<T> beta, ReadOnlySpan<T> dy, ReadOnlySpan<T> xhat, T[] sumDy, T[] sumDyXhat)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int features = gamma.Length;
        Array.Clear(sumDy);
        Array.Clear(sumDyXhat);
        ColumnSums.AddInto(dy, features, sumDy);
        ChannelPasses.AddProducts(dy, xhat, features, sumDyXhat);
        Write<T>(gamma, sumDyXhat);
        Write<T>(beta, sumDy);
    }

    public static void Write<T>(Tensor<T> parameter, ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = Graph.GradientTarget(parameter, out bool accumulate);
        if (target is null) return;
        var s = target.AsSpan();
        for (int j = 0; j < s.Length; j++) s[j] = accumulate ? s[j] + values[j] : values[j];
    }
}
