using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>y[n, i, j, c] = max over the in-image taps (p, q) of x[n, i·s_h − top + p·d_h, j·s_w − left + q·d_w, c], the first
/// maximal tap in row-major order winning (NaN beats any number), with its flat index in x kept in <c>argMax</c>
/// (−∞ and −1 for a window with no tap in the image); and the backward dx[argMax] += dy. Each window's tap range is found
/// once, the first tap initialises the channel run, and the rest compare in a tight loop over channels; images run in
/// parts on the <see cref="WorkerPool"/> (each part writes its own images' outputs, and for the backward its own images'
/// dx, since a window never leaves its image).</summary>
public static unsafe class MaxPooling
{
    /// <summary>The most taps a window may have (64 × 64).</summary>
    private const int MaxTaps = 4096;

    /// <summary>Inputs of at least this many elements are split between threads.</summary>
    private const long ParallelElements = 1 << 17;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(in ConvGeometry g, ReadOnlySpan<T> x, Span<T> y, Span<int> argMax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long outputs = (long)g.OutPixels * g.InChannels;
        if (y.Length < outputs || argMax.Length < outputs || x.Length < (long)g.Batch * g.InHeight * g.InWidth * g.InChannels)
            throw new ArgumentException($"max pooling: buffers too small for {g}.");
        if (g.KernelHeight * g.KernelWidth > MaxTaps) throw new ArgumentException($"max pooling: a {g.KernelHeight}×{g.KernelWidth} window has more than {MaxTaps} taps.");
        fixed (T* px = x) fixed (T* py = y) fixed (int* pa = argMax)
            Run(new Pass<T>(g, px, py, pa, false), g, x.Length);
    }

    /// <summary>dx[argMax[o]] += dy[o] for every output o (dx cleared or holding gradients to add to).</summary>
    public static void Backward<T>(in ConvGeometry g, ReadOnlySpan<T> dy, ReadOnlySpan<int> argMax, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long outputs = (long)g.OutPixels * g.InChannels;
        if (dy.Length < outputs || argMax.Length < outputs || dx.Length < (long)g.Batch * g.InHeight * g.InWidth * g.InChannels)
            throw new ArgumentException($"max pooling backward: buffers too small for {g}.");
        fixed (T* pdy = dy) fixed (T* pdx = dx) fixed (int* pa = argMax)
            Run(new Pass<T>(g, pdx, pdy, pa, true), g, dx.Length);
    }

    private static void Run<T>(Pass<T> pass, in ConvGeometry g, long elements) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int threads = elements >= ParallelElements ? Math.Min(Gemm.MaxThreads, Environment.ProcessorCount) : 1;
        int parts = Math.Min(g.Batch, threads == 1 ? 1 : 8);
        pass = pass.WithParts(parts);
        switch (VectorWidths.For<T>(VectorWidths.Widest))
        {
            case VectorWidth.Bits512: WorkerPool.Run(new PassAt<T, Vector512<T>, Width512<T>>(pass), parts, threads); break;
            case VectorWidth.Bits256: WorkerPool.Run(new PassAt<T, Vector256<T>, Width256<T>>(pass), parts, threads); break;
            case VectorWidth.Bits128: WorkerPool.Run(new PassAt<T, Vector128<T>, Width128<T>>(pass), parts, threads); break;
            default: WorkerPool.Run(new PassAt<T, T, WidthScalar<T>>(pass), parts, threads); break;
        }
    }

    private readonly struct Pass<T>(ConvGeometry g, T* x, T* y, int* argMax, bool backward, int parts = 1) where T : unmanaged
    {
        public readonly ConvGeometry G = g;
        public readonly T* X = x, Y = y;
        public readonly int* ArgMax = argMax;
        public readonly bool Backward = backward;
        public readonly int Parts = parts;

        public Pass<T> WithParts(int count) => new(G, X, Y, ArgMax, Backward, count);
    }

    private readonly struct PassAt<T, TVec, TW>(Pass<T> pass) : IPartWork
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        public void RunPart(int part)
        {
            var g = pass.G;
            int n0 = (int)((long)g.Batch * part / pass.Parts), n1 = (int)((long)g.Batch * (part + 1) / pass.Parts);
            int perImage = g.OutHeight * g.OutWidth;
            if (pass.Backward) BackwardImages(g, pass.Y, pass.ArgMax, pass.X, n0 * perImage, n1 * perImage);
            else ForwardImages<T, TVec, TW>(g, pass.X, pass.Y, pass.ArgMax, n0, n1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void ForwardImages<T, TVec, TW>(ConvGeometry g, T* x, T* y, int* argMax, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int c = g.InChannels;
        int* starts = stackalloc int[MaxTaps];
        T* tags = stackalloc T[TW.Count];
        T* values = stackalloc T[TW.Count];
        int lanes = TW.Count;
        long length = (long)g.Batch * g.InHeight * g.InWidth * c;
        for (int n = n0; n < n1; n++)
            for (int i = 0; i < g.OutHeight; i++)
            {
                int ih0 = i * g.StrideHeight - g.PadTop;
                int p0 = FirstInside(ih0, g.DilationHeight), p1 = EndInside(ih0, g.DilationHeight, g.KernelHeight, g.InHeight);
                for (int j = 0; j < g.OutWidth; j++)
                {
                    int iw0 = j * g.StrideWidth - g.PadLeft;
                    int q0 = FirstInside(iw0, g.DilationWidth), q1 = EndInside(iw0, g.DilationWidth, g.KernelWidth, g.InWidth);
                    nint o = (((nint)n * g.OutHeight + i) * g.OutWidth + j) * c;
                    T* best = y + o;
                    int* at = argMax + o;
                    if (p0 >= p1 || q0 >= q1)
                    {
                        for (int e = 0; e < c; e++) { best[e] = T.NegativeInfinity; at[e] = -1; }
                        continue;
                    }
                    // The window's taps (row-major), then each channel's running max and argmax in registers over them.
                    int taps = 0;
                    for (int p = p0; p < p1; p++)
                        for (int q = q0; q < q1; q++)
                            starts[taps++] = ((n * g.InHeight + ih0 + p * g.DilationHeight) * g.InWidth + iw0 + q * g.DilationWidth) * c;
                    if (c >= lanes)
                    {
                        // Whole vectors of channels, the last one overlapping the one before when n_C is not a multiple.
                        for (int ch = 0; ; ch += lanes)
                        {
                            if (ch + lanes > c) ch = c - lanes;
                            Window<T, TVec, TW>(x, starts, taps, ch, best + ch, at + ch, tags, lanes);
                            if (ch + lanes == c) break;
                        }
                    }
                    else if (starts[taps - 1] + lanes <= length)
                    {
                        // Fewer channels than lanes: one vector per tap reads the next pixel's values too; only n_C are kept.
                        Window<T, TVec, TW>(x, starts, taps, 0, values, at, tags, c);
                        for (int e = 0; e < c; e++) best[e] = values[e];
                    }
                    else
                        for (int ch = 0; ch < c; ch++)
                            Window<T, T, WidthScalar<T>>(x, starts, taps, ch, best + ch, at + ch, tags, 1);
                }
            }
    }

    /// <summary>One vector of channels ch.. of one window: the running max over the taps and the tap it came from (a small
    /// whole number, exact in T); the first <paramref name="keep"/> lanes' values go to <paramref name="best"/> (all lanes when
    /// keep = L) and their flat indices to <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Window<T, TVec, TW>(T* x, int* starts, int taps, int ch, T* best, int* at, T* tags, int keep)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec current = TW.Load(x + starts[0] + ch), tag = TW.Zero;
        for (int t = 1; t < taps; t++) TW.KeepMax(TW.Load(x + starts[t] + ch), TW.Create(T.CreateTruncating(t)), ref current, ref tag);
        TW.Store(current, best);
        TW.Store(tag, tags);
        for (int e = 0; e < keep; e++) at[e] = starts[int.CreateTruncating(tags[e])] + ch + e;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardImages<T>(in ConvGeometry g, T* dy, int* argMax, T* dx, int pixel0, int pixel1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = g.InChannels;
        for (nint o = (nint)pixel0 * c, end = (nint)pixel1 * c; o < end; o++)
        {
            int at = argMax[o];
            if (at >= 0) dx[at] += dy[o];
        }
    }

    /// <summary>The first tap p with start + p·d ≥ 0 (no division for d = 1: this runs once per output pixel).</summary>
    private static int FirstInside(int start, int dilation) =>
        start >= 0 ? 0 : dilation == 1 ? -start : (-start + dilation - 1) / dilation;

    /// <summary>One past the last tap p &lt; kernel with start + p·d &lt; size.</summary>
    private static int EndInside(int start, int dilation, int kernel, int size) =>
        start >= size ? 0 : Math.Min(kernel, dilation == 1 ? size - start : (size - 1 - start) / dilation + 1);
}
