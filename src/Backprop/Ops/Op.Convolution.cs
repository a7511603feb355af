using System.Numerics;
using Backprop.Ops.Convolution;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>Z = conv(A_prev, W) + b on channels-last images (m, n_H, n_W, n_C), W (f_h, f_w, n_C_prev, n_C): see
    /// <see cref="Conv2DNode{T}"/>. Stride and dilation default to 1, padding to valid.</summary>
    public static Tensor<T> Conv2D<T>(Tensor<T> x, Tensor<T> weight, Tensor<T>? bias, Size2D? stride = null, Padding2D? padding = null, Size2D? dilation = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new Conv2DNode<T>().Forward(x, weight, bias, new WindowSpec(1, stride ?? 1, dilation ?? 1, padding ?? Padding2D.Valid));

    /// <summary>A = max over each f_h × f_w window (stride defaults to the kernel): see <see cref="MaxPool2DNode{T}"/>.</summary>
    public static Tensor<T> MaxPool2D<T>(Tensor<T> x, Size2D kernel, Size2D? stride = null, Padding2D? padding = null, bool ceilMode = false, Size2D? dilation = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new MaxPool2DNode<T>().Forward(x, new WindowSpec(kernel, stride ?? kernel, dilation ?? 1, padding ?? Padding2D.Valid, ceilMode));

    /// <summary>A = mean over each window's in-image values (stride defaults to the kernel): see <see cref="AvgPool2DNode{T}"/>.</summary>
    public static Tensor<T> AvgPool2D<T>(Tensor<T> x, Size2D kernel, Size2D? stride = null, Padding2D? padding = null, bool ceilMode = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new AvgPool2DNode<T>().Forward(x, new WindowSpec(kernel, stride ?? kernel, 1, padding ?? Padding2D.Valid, ceilMode));

    /// <summary>A[n, c] = mean over (i, j) of A_prev[n, i, j, c].</summary>
    public static Tensor<T> GlobalAvgPool2D<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new GlobalAvgPool2DNode<T>().Forward(x);

    /// <summary>The course's zero_pad: <paramref name="pad"/> zero rows and columns on every side of each image.</summary>
    public static Tensor<T> ZeroPad2D<T>(Tensor<T> x, int pad) where T : unmanaged, IFloatingPointIeee754<T> =>
        new ZeroPad2DNode<T>().Forward(x, pad, pad, pad, pad);

    /// <summary>(m, d₁, …, d_k) → (m, d₁·…·d_k).</summary>
    public static Tensor<T> Flatten<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new ReshapeNode<T>().Forward(x, [x.Rank == 0 ? 1 : x.Length / Math.Max(x.Dim(0), 1)], "Flatten");
}
