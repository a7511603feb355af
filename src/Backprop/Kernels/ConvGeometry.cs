namespace Backprop.Kernels;

/// <summary>n_H = ⌊(n_H_prev + top + bottom − d_h·(f_h − 1) − 1) / s_h⌋ + 1 (likewise n_W): the shapes of one 2-D window op
/// (convolution or pooling) on channels-last images (m, n_H_prev, n_W_prev, n_C_prev), with kernel f_h × f_w, stride
/// s_h × s_w, dilation d_h × d_w and padding top/left (bottom/right padding only shapes the output). Output pixel (i, j)
/// reads input rows i·s_h − top + p·d_h and columns j·s_w − left + q·d_w for p &lt; f_h, q &lt; f_w.</summary>
public readonly record struct ConvGeometry(
    int Batch, int InHeight, int InWidth, int InChannels,
    int OutHeight, int OutWidth,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft)
{
    /// <summary>f_h · f_w · n_C_prev: the length of one im2col row, and the rows of the weight matrix (f, f, n_C_prev, n_C).</summary>
    public int PatchLength => KernelHeight * KernelWidth * InChannels;

    /// <summary>m · n_H · n_W: the output pixels, the rows of the im2col matrix.</summary>
    public int OutPixels => Batch * OutHeight * OutWidth;

    /// <summary>The number of outputs along one axis: ⌊(n + before + after − d·(f − 1) − 1) / s⌋ + 1, or with
    /// <paramref name="ceil"/> the ceiling, less a last window that would start beyond the input and the leading padding
    /// (PyTorch's ceil_mode rule).</summary>
    public static int OutputSize(int size, int kernel, int stride, int dilation, int before, int after, bool ceil = false)
    {
        int span = size + before + after - dilation * (kernel - 1) - 1;
        if (span < 0) return 0;
        int n = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (n - 1) * stride >= size + before) n--;
        return n;
    }

    /// <summary>TensorFlow's "same" padding along one axis: n_out = ⌈n / s⌉, total = max((n_out − 1)·s + d·(f − 1) + 1 − n, 0),
    /// split as before = ⌊total / 2⌋, after = total − before (the extra row or column goes after).</summary>
    public static (int Before, int After) SamePadding(int size, int kernel, int stride, int dilation)
    {
        int outputs = (size + stride - 1) / stride;
        int total = Math.Max((outputs - 1) * stride + dilation * (kernel - 1) + 1 - size, 0);
        return (total / 2, total - total / 2);
    }
}
