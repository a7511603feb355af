using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Convolution;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A[n, i, j, c] = mean of the in-image values of the f_h × f_w window at (i·s, j·s): the course's average pooling
/// (stride defaults to the kernel, padding to valid; padded positions are not counted). No parameters.
/// Backward: each window spreads dA evenly over its values (<see cref="AvgPool2DNode{T}"/>).</summary>
public sealed class AvgPool2D<T>(Size2D kernel, Size2D? stride = null, Padding2D? padding = null, bool ceilMode = false) : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, AvgPool2DNode<T>> _nodes = new(() => new AvgPool2DNode<T>());

    /// <summary>Kernel, stride and padding (dilation 1).</summary>
    public WindowSpec Spec { get; } = new(kernel.RequirePositive("pool size"), (stride ?? kernel).RequirePositive("stride"), 1, padding ?? Padding2D.Valid, ceilMode);

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(input, Spec);

    public override string ToString() => $"AvgPool2D({Spec.Kernel}, stride {Spec.Stride}, padding {Spec.Padding})";
}
