namespace Backprop.Kernels;

/// <summary>cols[(n, i, j), (p, q, c)] = x[n, i·s_h − top + p·d_h, j·s_w − left + q·d_w, c] (0 outside the image): the
/// im2col matrix of channels-last images, one row per output pixel, so that a convolution is one GEMM,
/// Z = cols · W with W (f_h, f_w, n_C_prev, n_C) read as a (f_h·f_w·n_C_prev) × n_C matrix. Channels are contiguous in
/// both, so each (p, q) copies a whole pixel. <see cref="Accumulate"/> is the adjoint (col2im): dx += Σ of the rows back
/// onto the pixels they were read from.</summary>
public static class Im2Col
{
    /// <summary>Fills rows [firstPixel, firstPixel + cols.Length / PatchLength) of the im2col matrix of <paramref name="x"/>.
    /// The rows of one output image row (n, i) are filled together, one kernel tap (p, q) at a time: a tight loop over j
    /// copies the tap's n_C_prev values of each pixel (one float in LeNet's first layer), with the j range that falls
    /// outside the image found once per tap, not tested per pixel. Row by row with a call per copy, those one-to-six-value
    /// copies took 30 % of a LeNet epoch.</summary>
    public static unsafe void Fill<T>(in ConvGeometry g, ReadOnlySpan<T> x, Span<T> cols, int firstPixel = 0) where T : unmanaged
    {
        int c = g.InChannels, k = g.PatchLength, rows = cols.Length / k;
        if (rows == 0) return;
        if ((long)firstPixel + rows > g.OutPixels || (long)g.Batch * g.InHeight * g.InWidth * c > x.Length)
            throw new ArgumentException($"im2col: rows {firstPixel}..{firstPixel + rows} or the input ({x.Length} values) do not fit {g}.");
        fixed (T* px = x) fixed (T* pcols = cols)
        {
            int done = 0;
            while (done < rows)
            {
                int pixel = firstPixel + done;
                int j0 = pixel % g.OutWidth, rest = pixel / g.OutWidth, i = rest % g.OutHeight, n = rest / g.OutHeight;
                int count = Math.Min(g.OutWidth - j0, rows - done);
                ImageRow(g, px + (nint)n * g.InHeight * g.InWidth * c, i, j0, count, pcols + (nint)done * k);
                done += count;
            }
        }
    }

    /// <summary>im2col rows for output pixels (i, j0..j0+count) of one image.</summary>
    private static unsafe void ImageRow<T>(in ConvGeometry g, T* image, int i, int j0, int count, T* rows) where T : unmanaged
    {
        int c = g.InChannels, k = g.PatchLength;
        nint sourceStep = (nint)g.StrideWidth * c;
        for (int p = 0; p < g.KernelHeight; p++)
        {
            int ih = i * g.StrideHeight - g.PadTop + p * g.DilationHeight;
            bool rowInside = (uint)ih < (uint)g.InHeight;
            T* source = image + (nint)ih * g.InWidth * c;
            for (int q = 0; q < g.KernelWidth; q++)
            {
                T* dest = rows + (p * g.KernelWidth + q) * c;
                int offset = q * g.DilationWidth - g.PadLeft;          // iw = j·s_w + offset
                // Pixels j with 0 ≤ iw < n_W_prev: from the first j at or after ⌈−offset / s_w⌉ to the last below ⌈(n_W_prev − offset) / s_w⌉.
                int first = rowInside ? Math.Clamp(CeilDiv(-offset, g.StrideWidth) - j0, 0, count) : count;
                int end = rowInside ? Math.Clamp(CeilDiv(g.InWidth - offset, g.StrideWidth) - j0, first, count) : count;
                for (int r = 0; r < first; r++) Clear(dest + (nint)r * k, c);
                T* s = source + ((nint)(j0 + first) * g.StrideWidth + offset) * c;
                T* d = dest + (nint)first * k;
                if (c == 1)
                    for (int r = first; r < end; r++, s += sourceStep, d += k) *d = *s;
                else
                    for (int r = first; r < end; r++, s += sourceStep, d += k) Copy(s, d, c);
                for (int r = end; r < count; r++) Clear(dest + (nint)r * k, c);
            }
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);

    private const int InlineCopy = 32;

    private static unsafe void Copy<T>(T* source, T* dest, int length) where T : unmanaged
    {
        if (length > InlineCopy) { Buffer.MemoryCopy(source, dest, (long)length * sizeof(T), (long)length * sizeof(T)); return; }
        for (int e = 0; e < length; e++) dest[e] = source[e];
    }

    private static unsafe void Clear<T>(T* dest, int length) where T : unmanaged
    {
        for (int e = 0; e < length; e++) dest[e] = default;
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
