using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>How many inputs feed each unit of a weight (fan-in) and how many units each input feeds (fan-out), the n[l−1]
/// and n[l] of the initialisation formulas.</summary>
public readonly record struct FanSizes(int In, int Out)
{
    /// <summary>A dense weight (n[l], n[l−1]): In = n[l−1], Out = n[l]. A vector counts as one unit per entry.</summary>
    public static FanSizes OfMatrix<T>(Tensor<T> weight) where T : unmanaged, IFloatingPointIeee754<T> =>
        weight.Rank >= 2 ? new(weight.Dim(1), weight.Dim(0)) : new(1, Math.Max(weight.Length, 1));
}
