using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Convolution;

/// <summary>A[n, i, j, c] = (1/N_ij) Σ over the window of A_prev[n, ih, iw, c], N_ij the number of in-image positions in the
/// window (padding not counted: PyTorch's count_include_pad=False, TensorFlow's "same"): the course's pool_forward in
/// average mode (no padding, N = f·f). Backward (the course's distribute_value): dA_prev[n, ih, iw, c] += dA[n, i, j, c] / N_ij
/// for every window position.</summary>
public sealed class AvgPool2DNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private ConvGeometry _g;

    public AvgPool2DNode() : base(1) { }

    public Tensor<T> Forward(Tensor<T> x, WindowSpec spec)
    {
        var g = _g = spec.Geometry(x, "AvgPool2D");
        Inputs[0] = x;
        int c = g.InChannels;
        var y = _output.Get(g.Batch, g.OutHeight, g.OutWidth, c);
        var ys = y.AsSpan();
        var xs = x.AsReadOnlySpan();
        for (int pixel = 0; pixel < g.OutPixels; pixel++)
        {
            var o = ys.Slice(pixel * c, c);
            o.Clear();
            int count = 0;
            foreach (int start in Window(g, pixel))
            {
                Reductions.AddInto(xs.Slice(start, c), o);
                count++;
            }
            var scale = T.One / T.CreateChecked(Math.Max(count, 1));
            for (int ch = 0; ch < c; ch++) o[ch] *= scale;
        }
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        var g = _g;
        int c = g.InChannels;
        var d = dx.AsSpan();
        if (!accumulate) d.Clear();
        var dys = dy.AsReadOnlySpan();
        for (int pixel = 0; pixel < g.OutPixels; pixel++)
        {
            int count = 0;
            foreach (int _ in Window(g, pixel)) count++;
            var scale = T.One / T.CreateChecked(Math.Max(count, 1));
            var grad = dys.Slice(pixel * c, c);
            foreach (int start in Window(g, pixel))
            {
                var target = d.Slice(start, c);
                for (int ch = 0; ch < c; ch++) target[ch] += grad[ch] * scale;
            }
        }
    }

    /// <summary>The start of each in-image input pixel of output pixel <paramref name="pixel"/>'s window.</summary>
    private static WindowEnumerator Window(in ConvGeometry g, int pixel) => new(g, pixel);

    /// <summary>Enumerates window positions without allocating.</summary>
    private struct WindowEnumerator(ConvGeometry g, int pixel)
    {
        private readonly int _i = pixel / g.OutWidth % g.OutHeight, _j = pixel % g.OutWidth, _n = pixel / g.OutWidth / g.OutHeight;
        private int _p, _q = -1;

        public readonly WindowEnumerator GetEnumerator() => this;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (true)
            {
                if (++_q >= g.KernelWidth) { _q = 0; _p++; }
                if (_p >= g.KernelHeight) return false;
                int ih = _i * g.StrideHeight - g.PadTop + _p * g.DilationHeight;
                int iw = _j * g.StrideWidth - g.PadLeft + _q * g.DilationWidth;
                if ((uint)ih >= (uint)g.InHeight || (uint)iw >= (uint)g.InWidth) continue;
                Current = ((_n * g.InHeight + ih) * g.InWidth + iw) * g.InChannels;
                return true;
            }
        }
    }
}
