using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Convolution;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A[n, i, j, c] = max over the f_h × f_w window at (i·s, j·s) of A_prev[n, ·, ·, c]: the course's max pooling
/// (stride defaults to the kernel, padding to valid; "same" padding ignores the padded positions). No parameters.
/// Backward: the gradient goes to each window's maximum (<see cref="MaxPool2DNode{T}"/>).</summary>
public sealed class MaxPool2D<T>(Size2D kernel, Size2D? stride = null, Padding2D? padding = null, bool ceilMode = false) : Module<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, MaxPool2DNode<T>> _nodes = new(() => new MaxPool2DNode<T>());

    /// <summary>Kernel, stride and padding (dilation 1).</summary>
    public WindowSpec Spec { get; } = new(kernel.RequirePositive("pool size"), (stride ?? kernel).RequirePositive("stride"), 1, padding ?? Padding2D.Valid, ceilMode);

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(input, Spec);

    public override string ToString() => $"MaxPool2D({Spec.Kernel}, stride {Spec.Stride}, padding {Spec.Padding})";
}
