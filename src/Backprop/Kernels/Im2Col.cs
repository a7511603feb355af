namespace Backprop.Kernels;

/// <summary>cols[(n, i, j), (p, q, c)] = x[n, i·s_h − top + p·d_h, j·s_w − left + q·d_w, c] (0 outside the image): the
/// im2col matrix of channels-last images, one row per output pixel, so that a convolution is one GEMM,
/// Z = cols · W with W (f_h, f_w, n_C_prev, n_C) read as a (f_h·f_w·n_C_prev) × n_C matrix. Channels are contiguous in
/// both, so each (p, q) copies a whole pixel. <see cref="Accumulate"/> is the adjoint (col2im): dx += Σ of the rows back
/// onto the pixels they were read from.</summary>
public static class Im2Col
{
    /// <summary>Fills rows [firstPixel, firstPixel + cols.Length / PatchLength) of the im2col matrix of <paramref name="x"/>.</summary>
    public static void Fill<T>(in ConvGeometry g, ReadOnlySpan<T> x, Span<T> cols, int firstPixel = 0) where T : unmanaged
    {
        int c = g.InChannels, k = g.PatchLength, rows = cols.Length / k;
        for (int r = 0; r < rows; r++)
        {
            int pixel = firstPixel + r;
            int j = pixel % g.OutWidth, rest = pixel / g.OutWidth, i = rest % g.OutHeight, n = rest / g.OutHeight;
            var row = cols.Slice(r * k, k);
            int imageStart = n * g.InHeight * g.InWidth * c;
            for (int p = 0; p < g.KernelHeight; p++)
            {
                int ih = i * g.StrideHeight - g.PadTop + p * g.DilationHeight;
                var dest = row.Slice(p * g.KernelWidth * c, g.KernelWidth * c);
                if ((uint)ih >= (uint)g.InHeight) { dest.Clear(); continue; }
                int rowStart = imageStart + ih * g.InWidth * c;
                int iw0 = j * g.StrideWidth - g.PadLeft;
                if (g.DilationWidth == 1 && iw0 >= 0 && iw0 + g.KernelWidth <= g.InWidth)
                {
                    x.Slice(rowStart + iw0 * c, g.KernelWidth * c).CopyTo(dest);
                    continue;
                }
                for (int q = 0; q < g.KernelWidth; q++)
                {
                    int iw = iw0 + q * g.DilationWidth;
                    var d = dest.Slice(q * c, c);
                    if ((uint)iw >= (uint)g.InWidth) d.Clear();
                    else x.Slice(rowStart + iw * c, c).CopyTo(d);
                }
            }
        }
    }

    /// <summary>dx[n, ih, iw, :] += dcols[(n, i, j), (p, q, :)] for every in-image (p, q): the backward of <see cref="Fill"/>
    /// for rows [firstPixel, firstPixel + dcols.Length / PatchLength). dx must be cleared (or hold gradients to add to).</summary>
    public static void Accumulate<T>(in ConvGeometry g, ReadOnlySpan<T> dcols, Span<T> dx, int firstPixel = 0)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int c = g.InChannels, k = g.PatchLength, rows = dcols.Length / k;
        for (int r = 0; r < rows; r++)
        {
            int pixel = firstPixel + r;
            int j = pixel % g.OutWidth, rest = pixel / g.OutWidth, i = rest % g.OutHeight, n = rest / g.OutHeight;
            var row = dcols.Slice(r * k, k);
            int imageStart = n * g.InHeight * g.InWidth * c;
            for (int p = 0; p < g.KernelHeight; p++)
            {
                int ih = i * g.StrideHeight - g.PadTop + p * g.DilationHeight;
                if ((uint)ih >= (uint)g.InHeight) continue;
                int rowStart = imageStart + ih * g.InWidth * c;
                int iw0 = j * g.StrideWidth - g.PadLeft;
                if (g.DilationWidth == 1 && iw0 >= 0 && iw0 + g.KernelWidth <= g.InWidth)
                {
                    Reductions.AddInto(row.Slice(p * g.KernelWidth * c, g.KernelWidth * c), dx.Slice(rowStart + iw0 * c, g.KernelWidth * c));
                    continue;
                }
                for (int q = 0; q < g.KernelWidth; q++)
                {
                    int iw = iw0 + q * g.DilationWidth;
                    if ((uint)iw >= (uint)g.InWidth) continue;
                    Reductions.AddInto(row.Slice((p * g.KernelWidth + q) * c, c), dx.Slice(rowStart + iw * c, c));
                }
            }
        }
    }
}
