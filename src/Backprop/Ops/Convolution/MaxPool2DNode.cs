using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Convolution;

/// <summary>A[n, i, j, c] = max over the window of A_prev[n, i·s − top + p·d, j·s − left + q·d, c], padding ignored (−∞, as in
/// PyTorch and TensorFlow's "same"): the course's pool_forward in max mode. Backward: dA_prev[argmax] += dA — the whole
/// gradient goes to the first maximal position of each window in row-major order (PyTorch's rule; the course's mask
/// x == max(x) differs only on ties). The argmax indices are kept from forward in a reused array; the loops are
/// <see cref="MaxPooling"/>'s.</summary>
public sealed class MaxPool2DNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private int[] _argMax = [];
    private ConvGeometry _g;

    public MaxPool2DNode() : base(1) { }

    public Tensor<T> Forward(Tensor<T> x, WindowSpec spec)
    {
        var g = spec.Geometry(x, "MaxPool2D");
        Inputs[0] = x;
        int c = g.InChannels, outputs = g.OutPixels * c;
        if (_argMax.Length < outputs) _argMax = new int[outputs];
        var y = _output.Get(g.Batch, g.OutHeight, g.OutWidth, c);
        MaxPooling.Forward(g, x.AsReadOnlySpan(), y.AsSpan(), _argMax.AsSpan(0, outputs));
        _g = g;
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        MaxPooling.Backward(_g, dy.AsReadOnlySpan(), _argMax.AsSpan(0, dy.Length), dx.AsSpan(), overwrite: !accumulate);
    }
}
