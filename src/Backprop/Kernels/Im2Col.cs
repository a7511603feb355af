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
    /// copies took 30 % of a LeNet epoch. Large fills run on the kernel threads (<see cref="WorkerPool"/>).</summary>
    public static unsafe void Fill<T>(in ConvGeometry g, ReadOnlySpan<T> x, Span<T> cols, int firstPixel = 0) where T : unmanaged
    {
        int c = g.InChannels, k = g.PatchLength, rows = cols.Length / k;
        if (rows == 0) return;
        if ((long)firstPixel + rows > g.OutPixels || (long)g.Batch * g.InHeight * g.InWidth * c > x.Length)
            throw new ArgumentException($"im2col: rows {firstPixel}..{firstPixel + rows} or the input ({x.Length} values) do not fit {g}.");
        fixed (T* px = x) fixed (T* pcols = cols)
        {
            // Rows are independent: big fills are split between the kernel threads (the bits do not depend on the split).
            int parts = (long)rows * k >= ParallelElements ? Math.Min(Gemm.MaxThreads, Environment.ProcessorCount) : 1;
            WorkerPool.Run(new FillPart<T>(g, px, pcols, firstPixel, rows, parts), parts, parts);
        }
    }

    /// <summary>Fills of at least this many elements (256 KB of floats) are split between threads.</summary>
    private const long ParallelElements = 1 << 16;

    /// <summary>Part p of a fill: the p-th of <c>parts</c> equal runs of rows.</summary>
    private readonly unsafe struct FillPart<T>(ConvGeometry g, T* x, T* cols, int firstPixel, int rows, int parts) : IPartWork
        where T : unmanaged
    {
        public void RunPart(int part)
        {
            int from = (int)((long)rows * part / parts), to = (int)((long)rows * (part + 1) / parts);
            Rows(g, x, cols + (nint)from * g.PatchLength, firstPixel + from, to - from);
        }
    }

    private static unsafe void Rows<T>(in ConvGeometry g, T* x, T* cols, int firstPixel, int rows) where T : unmanaged
    {
        int done = 0, k = g.PatchLength;
        while (done < rows)
        {
            int pixel = firstPixel + done;
            int j0 = pixel % g.OutWidth, rest = pixel / g.OutWidth, i = rest % g.OutHeight, n = rest / g.OutHeight;
            int count = Math.Min(g.OutWidth - j0, rows - done);
            ImageRow(g, x + (nint)n * g.InHeight * g.InWidth * g.InChannels, i, j0, count, cols + (nint)done * k);
            done += count;
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
