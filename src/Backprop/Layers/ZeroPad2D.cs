using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Convolution;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A[n, i + top, j + left, c] = A_prev[n, i, j, c], zeros around: the course's zero_pad as a layer,
/// (m, n_H, n_W, n_C) → (m, n_H + top + bottom, n_W + left + right, n_C). No parameters.</summary>
public sealed class ZeroPad2D<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, ZeroPad2DNode<T>> _nodes = new(() => new ZeroPad2DNode<T>());

    /// <summary>The same padding on every side: pad rows above and below, pad columns left and right.</summary>
    public ZeroPad2D(int pad) : this(pad, pad, pad, pad) { }

    public ZeroPad2D(int top, int bottom, int left, int right)
    {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) throw new ArgumentException($"Padding cannot be negative; got top {top}, bottom {bottom}, left {left}, right {right}.");
        (Top, Bottom, Left, Right) = (top, bottom, left, right);
    }

    public int Top { get; }
    public int Bottom { get; }
    public int Left { get; }
    public int Right { get; }

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(input, Top, Bottom, Left, Right);

    public override string ToString() => $"ZeroPad2D({Top}, {Bottom}, {Left}, {Right})";
}
