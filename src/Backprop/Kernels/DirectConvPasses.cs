using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>The loops of <see cref="DirectConv"/> over images n0..n1 of one part: padding and cropping, and the walks that
/// hand <see cref="DirectConvTiles"/> its blocks.</summary>
internal static unsafe class DirectConvPasses
{
    /// <summary>x̃ = x at rows top.., columns left.. of each padded image, zeros around it (the borders are rewritten every
    /// time, so the buffer may come from any earlier use).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pad<T>(in DirectConvLayout l, T* x, T* padded, int n0, int n1) where T : unmanaged
    {
        var g = l.G;
        int c = g.InChannels, rowIn = g.InWidth * c, left = g.PadLeft * c, right = l.RowLength - left - rowIn;
        for (int n = n0; n < n1; n++)
        {
            T* image = padded + (nint)n * l.ImageStride;
            T* source = x + (nint)n * g.InHeight * rowIn;
            new Span<T>(image, g.PadTop * l.RowLength).Clear();
            for (int r = 0; r < g.InHeight; r++)
            {
                T* row = image + (nint)(g.PadTop + r) * l.RowLength;
                new Span<T>(row, left).Clear();
                new ReadOnlySpan<T>(source + (nint)r * rowIn, rowIn).CopyTo(new Span<T>(row + left, rowIn));
                new Span<T>(row + left + rowIn, right).Clear();
            }
            int below = g.PadTop + g.InHeight;
            new Span<T>(image + (nint)below * l.RowLength, (l.PadHeight - below) * l.RowLength + DirectConvLayout.Slack).Clear();
        }
    }

    /// <summary>dx (+)= dx̃ without its padding, for images n0..n1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Crop<T>(in DirectConvLayout l, T* paddedDx, T* dx, bool accumulate, int n0, int n1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = l.G;
        int c = g.InChannels, rowIn = g.InWidth * c, left = g.PadLeft * c;
        for (int n = n0; n < n1; n++)
            for (int r = 0; r < g.InHeight; r++)
            {
                var from = new ReadOnlySpan<T>(paddedDx + (nint)n * l.ImageStride + (nint)(g.PadTop + r) * l.RowLength + left, rowIn);
                var to = new Span<T>(dx + ((nint)n * g.InHeight + r) * rowIn, rowIn);
                if (accumulate) Reductions.AddInto(from, to); else from.CopyTo(to);
            }
    }

    /// <summary>Z for images n0..n1: per output row, blocks of 6 pixels × 2 vectors of filters, or 6 pixels of two rows × 1
    /// vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T, TVec, TW>(in DirectConvLayout l, T* padded, T* w, T* bias, T* z, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var g = l.G;
        int f = l.Filters, fl = l.FilterLanes, L = TW.Count;
        nint step = (nint)g.StrideWidth * g.InChannels;
        nint rowStep = (nint)g.StrideHeight * l.RowLength, zRowLength = (nint)g.OutWidth * f;
        for (int n = n0; n < n1; n++)
            for (int i = 0; i < g.OutHeight; i++)
            {
                T* row = padded + (nint)n * l.ImageStride + i * rowStep;
                T* zRow = z + ((nint)n * g.OutHeight + i) * zRowLength;
                for (int v0 = 0; v0 < fl; v0 += 2 * L)
                {
                    bool pair = fl - v0 >= 2 * L;
                    int lanes = Math.Min(2 * L, f - v0);
                    // When one block holds every filter (v0 = 0), a pixel's whole vectors may run into the next pixel's first
                    // channels, which that pixel's own store (later, in the same row) overwrites: no per-lane copy. A row's last
                    // pixel keeps its own lanes, so nothing runs into the next row, image or part.
                    int storeLanes = v0 == 0 ? (pair ? 2 * L : L) : lanes;
                    if (pair)
                        for (int j = 0; j < g.OutWidth; j += 6)
                        {
                            int count = Math.Min(6, g.OutWidth - j);
                            DirectConvTiles.Forward6x2<T, TVec, TW>(row + j * step, step, count, l.RowLength, g.KernelHeight,
                                l.Segment, w + v0, fl, bias + v0, zRow + (nint)j * f + v0, f, storeLanes, j + count == g.OutWidth ? lanes : storeLanes);
                        }
                    else if (i % 2 == 0)
                    {
                        // One vector of filters: rows i and i + 1 together (the odd rows are done with the even ones).
                        bool second = i + 1 < g.OutHeight;
                        for (int j = 0; j < g.OutWidth; j += 6)
                        {
                            int count = Math.Min(6, g.OutWidth - j);
                            DirectConvTiles.Forward6x1x2<T, TVec, TW>(row + j * step, step, count, rowStep, second, l.RowLength,
                                g.KernelHeight, l.Segment, w + v0, fl, bias + v0, zRow + (nint)j * f + v0, zRow + zRowLength + (nint)j * f + v0, f,
                                storeLanes, j + count == g.OutWidth ? lanes : storeLanes);
                        }
                    }
                }
            }
    }

    /// <summary>The dW partial (rows (p, u) of FilterLanes) += the contributions of images n0..n1, image by image, each
    /// block of 6 taps × 2 vectors (or 12 taps × 1) over the image's pixels. dZ has rows of F, except the batch's last image,
    /// read from <paramref name="lastPadded"/> with rows of FilterLanes when that is not null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient<T, TVec, TW>(in DirectConvLayout l, T* padded, T* dz, T* lastPadded, T* partial, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var g = l.G;
        int fl = l.FilterLanes, L = TW.Count;
        nint step = (nint)g.StrideWidth * g.InChannels, rowStep = (nint)g.StrideHeight * l.RowLength;
        for (int n = n0; n < n1; n++)
        {
            T* image = padded + (nint)n * l.ImageStride;
            bool last = n == g.Batch - 1 && lastPadded is not null;
            T* dzImage = last ? lastPadded : dz + (nint)n * g.OutHeight * g.OutWidth * l.Filters;
            nint ldd = last ? fl : l.Filters;
            for (int p = 0; p < g.KernelHeight; p++)
                for (int v0 = 0; v0 < fl; v0 += 2 * L)
                {
                    // One vector of filters with a kernel row of at least 12 taps: blocks of 12 taps keep the FMA pipes full.
                    bool pair = fl - v0 >= 2 * L, wide = !pair && l.Segment >= 12;
                    int block = wide ? 12 : 6;
                    for (int u0 = 0; u0 < l.Segment; u0 += block)
                    {
                        int taps = Math.Min(block, l.Segment - u0);
                        T* x = image + (nint)p * l.RowLength + u0;
                        T* dw = partial + ((nint)p * l.Segment + u0) * fl + v0;
                        if (pair) DirectConvTiles.WeightGradient6x2<T, TVec, TW>(x, rowStep, step, g.OutHeight, g.OutWidth, dzImage + v0, ldd, dw, fl, taps);
                        else if (wide) DirectConvTiles.WeightGradient12x1<T, TVec, TW>(x, rowStep, step, g.OutHeight, g.OutWidth, dzImage + v0, ldd, dw, fl, taps);
                        else DirectConvTiles.WeightGradient6x1<T, TVec, TW>(x, rowStep, step, g.OutHeight, g.OutWidth, dzImage + v0, ldd, dw, fl, taps);
                    }
                }
        }
    }

    /// <summary>dx̃ of images n0..n1, cleared and then accumulated pixel by pixel: for each kernel row p, 4 vectors of taps
    /// at a time. dZ has rows of F.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InputGradient<T, TVec, TW>(in DirectConvLayout l, T* dz, T* wt, T* paddedDx, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var g = l.G;
        int f = l.Filters, block = 4 * TW.Count;
        nint step = (nint)g.StrideWidth * g.InChannels;
        for (int n = n0; n < n1; n++)
        {
            T* image = paddedDx + (nint)n * l.ImageStride;
            new Span<T>(image, l.ImageStride).Clear();
            for (int i = 0; i < g.OutHeight; i++)
            {
                T* dzRow = dz + ((nint)n * g.OutHeight + i) * g.OutWidth * f;
                for (int j = 0; j < g.OutWidth; j++)
                    for (int p = 0; p < g.KernelHeight; p++)
                    {
                        T* target = image + (nint)(i * g.StrideHeight + p) * l.RowLength + j * step;
                        T* w = wt + (nint)p * f * l.SegmentLanes;
                        for (int u0 = 0; u0 < l.SegmentLanes; u0 += block)
                            DirectConvTiles.InputGradient4<T, TVec, TW>(dzRow + (nint)j * f, f, w + u0, l.SegmentLanes, target + u0);
                    }
            }
        }
    }
}
