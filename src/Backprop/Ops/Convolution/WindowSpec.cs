using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Convolution;

/// <summary>n_H = ⌊(n_H_prev + pad_top + pad_bottom − d·(f − 1) − 1) / s⌋ + 1: a window op's kernel, stride, dilation and
/// padding, turned into the <see cref="ConvGeometry"/> of a given channels-last input (m, n_H_prev, n_W_prev, n_C_prev).</summary>
public readonly record struct WindowSpec(Size2D Kernel, Size2D Stride, Size2D Dilation, Padding2D Padding, bool CeilMode = false)
{
    /// <summary>The geometry for input <paramref name="x"/>; throws one clear line when x is not 4-D or too small.</summary>
    public ConvGeometry Geometry<T>(Tensor<T> x, string op) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (x.Rank != 4)
            throw new ArgumentException($"{op} expects channels-last images (m, n_H, n_W, n_C); got shape {ShapeMath.Format(x.Shape)}.");
        return Geometry(x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3), op);
    }

    /// <summary>The geometry for an input (m, h, w, c).</summary>
    public ConvGeometry Geometry(int m, int h, int w, int c, string op)
    {
        var (top, bottom, left, right) = Padding.Resolve(h, w, Kernel, Stride, Dilation);
        int oh = ConvGeometry.OutputSize(h, Kernel.Height, Stride.Height, Dilation.Height, top, bottom, CeilMode);
        int ow = ConvGeometry.OutputSize(w, Kernel.Width, Stride.Width, Dilation.Width, left, right, CeilMode);
        if (oh < 1 || ow < 1)
            throw new ArgumentException($"{op} with a {Kernel} kernel, stride {Stride} and padding {Padding} needs images of at least its window; got {h} × {w}.");
        return new ConvGeometry(m, h, w, c, oh, ow, Kernel.Height, Kernel.Width, Stride.Height, Stride.Width, Dilation.Height, Dilation.Width, top, left);
    }
}
