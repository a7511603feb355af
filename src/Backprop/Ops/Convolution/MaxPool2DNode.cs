using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Convolution;

/// <summary>A[n, i, j, c] = max over the window of A_prev[n, i·s − top + p·d, j·s − left + q·d, c], padding ignored (−∞, as in
/// PyTorch and TensorFlow's "same"): the course's pool_forward in max mode. Backward: dA_prev[argmax] += dA — the whole
/// gradient goes to the first maximal position of each window in row-major order (PyTorch's rule; the course's mask
/// x == max(x) differs only on ties). The argmax indices are kept from forward in a reused array.</summary>
public sealed class MaxPool2DNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private int[] _argMax = [];

    public MaxPool2DNode() : base(1) { }

    public Tensor<T> Forward(Tensor<T> x, WindowSpec spec)
    {
        var g = spec.Geometry(x, "MaxPool2D");
        Inputs[0] = x;
        int c = g.InChannels, outputs = g.OutPixels * c;
        if (_argMax.Length < outputs) _argMax = new int[outputs];
        var y = _output.Get(g.Batch, g.OutHeight, g.OutWidth, c);
        var ys = y.AsSpan();
        var xs = x.AsReadOnlySpan();
        var arg = _argMax.AsSpan(0, outputs);
        for (int pixel = 0; pixel < g.OutPixels; pixel++)
        {
            int j = pixel % g.OutWidth, rest = pixel / g.OutWidth, i = rest % g.OutHeight, n = rest / g.OutHeight;
            var o = ys.Slice(pixel * c, c);
            var a = arg.Slice(pixel * c, c);
            o.Fill(T.NegativeInfinity);
            a.Fill(-1);
            for (int p = 0; p < g.KernelHeight; p++)
            {
                int ih = i * g.StrideHeight - g.PadTop + p * g.DilationHeight;
                if ((uint)ih >= (uint)g.InHeight) continue;
                for (int q = 0; q < g.KernelWidth; q++)
                {
                    int iw = j * g.StrideWidth - g.PadLeft + q * g.DilationWidth;
                    if ((uint)iw >= (uint)g.InWidth) continue;
                    int start = ((n * g.InHeight + ih) * g.InWidth + iw) * c;
                    var v = xs.Slice(start, c);
                    for (int ch = 0; ch < c; ch++)
                        if (v[ch] > o[ch] || a[ch] < 0 || (T.IsNaN(v[ch]) && !T.IsNaN(o[ch])))
                        {
                            o[ch] = v[ch];
                            a[ch] = start + ch;
                        }
                }
            }
        }
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        var d = dx.AsSpan();
        if (!accumulate) d.Clear();
        var dys = dy.AsReadOnlySpan();
        var arg = _argMax.AsSpan(0, dys.Length);
        for (int i = 0; i < dys.Length; i++)
            if (arg[i] >= 0) d[arg[i]] += dys[i];
    }
}
