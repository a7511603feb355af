using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>y[n, i, j, c] = max over the in-image taps (p, q) of x[n, i·s_h − top + p·d_h, j·s_w − left + q·d_w, c], the first
/// maximal tap in row-major order winning (NaN beats any number), with its flat index in x kept in <c>argMax</c> (−∞ and
/// −1 for a window with no tap in the image), and the backward dx[argMax] += dy. Per output pixel the window's tap offsets are found once; then whole vectors of
/// channels compare tap by tap (<see cref="IVectorWidth{T, TVec}.KeepMax"/>), and fewer channels than a vector read one
/// vector per tap and keep n_C lanes; each lane carries its tap's offset in the window, so the argmax indices of a whole
/// vector of floats are one conversion and one store. Images run in parts on the <see cref="WorkerPool"/>: a part writes only its own
/// images' outputs and, backward, its own images' dx (a window never leaves its image).</summary>
public static unsafe class MaxPooling
{
    /// <summary>The most taps a window may have (64 × 64).</summary>
    public const int MaxTaps = 4096;

    /// <summary>Inputs of at least this many elements are split between threads.</summary>
    private const long ParallelElements = 1 << 17;

    public static void Forward<T>(in ConvGeometry g, ReadOnlySpan<T> x, Span<T> y, Span<int> argMax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(g, y.Length, argMax.Length, x.Length);
        fixed (T* px = x) fixed (T* py = y) fixed (int* pt = argMax)
            Run(new Pass<T>(g, px, py, pt, false), g, x.Length);
    }

    /// <summary>dx[argMax[o]] += dy[o] for every output o, onto the gradients dx holds, or (<paramref name="overwrite"/>) onto
    /// zeros: each part clears its own images' dx first, so the clearing runs on the kernel threads too.</summary>
    public static void Backward<T>(in ConvGeometry g, ReadOnlySpan<T> dy, ReadOnlySpan<int> argMax, Span<T> dx, bool overwrite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(g, dy.Length, argMax.Length, dx.Length);
        fixed (T* pdy = dy) fixed (T* pdx = dx) fixed (int* pt = argMax)
            Run(new Pass<T>(g, pdx, pdy, pt, true, overwrite), g, dx.Length);
    }

    private static void Check(in ConvGeometry g, long outputs, long taps, long inputs)
    {
        if (outputs < (long)g.OutPixels * g.InChannels || taps < (long)g.OutPixels * g.InChannels || inputs < (long)g.Batch * g.InHeight * g.InWidth * g.InChannels)
            throw new ArgumentException($"max pooling: buffers too small for {g}.");
        if (g.KernelHeight * g.KernelWidth > MaxTaps) throw new ArgumentException($"max pooling: a {g.KernelHeight}×{g.KernelWidth} window has more than {MaxTaps} taps.");
    }

    private static void Run<T>(Pass<T> pass, in ConvGeometry g, long elements) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int threads = elements >= ParallelElements ? Math.Min(Gemm.MaxThreads, Environment.ProcessorCount) : 1;
        int parts = Math.Min(g.Batch, threads == 1 ? 1 : 8);
        pass = pass.WithParts(parts);
        switch (Width<T>(g.InChannels))
        {
            case VectorWidth.Bits512: WorkerPool.Run(new PassAt<T, Vector512<T>, Width512<T>>(pass), parts, threads); break;
            case VectorWidth.Bits256: WorkerPool.Run(new PassAt<T, Vector256<T>, Width256<T>>(pass), parts, threads); break;
            case VectorWidth.Bits128: WorkerPool.Run(new PassAt<T, Vector128<T>, Width128<T>>(pass), parts, threads); break;
            default: WorkerPool.Run(new PassAt<T, T, WidthScalar<T>>(pass), parts, threads); break;
        }
    }

    /// <summary>The widest accelerated width whose vector fits in n_C channels (6 channels: 128 bits, two overlapping vectors
    /// with whole-vector index stores, instead of one 512-bit vector kept lane by lane), or the narrowest one for fewer.</summary>
    private static VectorWidth Width<T>(int channels)
    {
        var widest = VectorWidths.For<T>(VectorWidths.Widest);
        if (widest == VectorWidth.Scalar) return widest;
        var chosen = widest;
        var available = VectorWidths.Available;
        for (int i = 0; i < available.Count; i++)   // an index, not foreach: the list's enumerator would be boxed every call
        {
            var w = available[i];
            if (w == VectorWidth.Scalar || w > widest) continue;
            chosen = w;
            if (VectorWidths.Lanes<T>(w) <= channels) break;
        }
        return chosen;
    }

    /// <summary>One call's operands: x (dx backward), y (dy backward), the argmax indices.</summary>
    private readonly struct Pass<T>(ConvGeometry g, T* x, T* y, int* argMax, bool backward, bool overwrite = false, int parts = 1) where T : unmanaged
    {
        public readonly ConvGeometry G = g;
        public readonly T* X = x, Y = y;
        public readonly int* ArgMax = argMax;
        public readonly bool Backward = backward, Overwrite = overwrite;
        public readonly int Parts = parts;

        public Pass<T> WithParts(int count) => new(G, X, Y, ArgMax, Backward, Overwrite, count);
    }

    private readonly struct PassAt<T, TVec, TW>(Pass<T> pass) : IPartWork
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        public void RunPart(int part)
        {
            var g = pass.G;
            int n0 = (int)((long)g.Batch * part / pass.Parts), n1 = (int)((long)g.Batch * (part + 1) / pass.Parts);
            if (pass.Backward)
            {
                int perImage = g.InHeight * g.InWidth * g.InChannels;
                if (pass.Overwrite) new Span<T>(pass.X + (nint)n0 * perImage, (n1 - n0) * perImage).Clear();
                BackwardImages(g, pass.Y, pass.ArgMax, pass.X, n0, n1);
            }
            else ForwardImages<T, TVec, TW>(g, pass.X, pass.Y, pass.ArgMax, n0, n1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void ForwardImages<T, TVec, TW>(ConvGeometry g, T* x, T* y, int* argMax, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int c = g.InChannels, lanes = TW.Count;
        bool offsets = TagsAreExact(g);
        long length = (long)g.Batch * g.InHeight * g.InWidth * c;
        int* starts = stackalloc int[MaxTaps];
        T* spill = stackalloc T[2 * TW.Count];
        for (int n = n0; n < n1; n++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++)
                {
                    nint o = (((nint)n * g.OutHeight + i) * g.OutWidth + j) * c;
                    T* best = y + o;
                    int* at = argMax + o;
                    int taps = WindowStarts(g, n, i, j, starts);
                    if (taps == 0)
                    {
                        for (int e = 0; e < c; e++) { best[e] = T.NegativeInfinity; at[e] = -1; }
                        continue;
                    }
                    if (c >= lanes)
                        // Whole vectors of channels, the last one overlapping the one before when n_C is not a multiple.
                        for (int ch = 0; ; ch += lanes)
                        {
                            if (ch + lanes > c) ch = c - lanes;
                            Window<T, TVec, TW>(x, starts, taps, ch, best + ch, at + ch, spill, lanes, offsets);
                            if (ch + lanes == c) break;
                        }
                    else if (starts[taps - 1] + lanes <= length)
                    {
                        // Fewer channels than lanes: one vector per tap reads the next pixel's values too; n_C lanes are kept.
                        Window<T, TVec, TW>(x, starts, taps, 0, spill + lanes, at, spill, c, offsets);
                        for (int e = 0; e < c; e++) best[e] = spill[lanes + e];
                    }
                    else
                        for (int ch = 0; ch < c; ch++) Window<T, T, WidthScalar<T>>(x, starts, taps, ch, best + ch, at + ch, spill, 1, offsets);
                }
    }

    /// <summary>One vector of channels ch..: the running max over the taps into <paramref name="best"/>, and the flat index
    /// of the tap it came from into the first <paramref name="keep"/> entries of <paramref name="at"/>. Each lane tracks its
    /// tap's offset from the window's first tap when those are exact in T (<see cref="TagsAreExact"/>), so that the index is
    /// starts[0] + ch + e + offset — for a whole vector of floats one conversion and one store — and else the tap's number
    /// (at most <see cref="MaxTaps"/>), looked up in <paramref name="starts"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Window<T, TVec, TW>(T* x, int* starts, int taps, int ch, T* best, int* at, T* tags, int keep, bool offsets)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int first = starts[0];
        TVec current = TW.Load(x + first + ch), tag = TW.Zero;
        for (int t = 1; t < taps; t++)
            TW.KeepMax(TW.Load(x + starts[t] + ch), TW.Create(T.CreateTruncating(offsets ? starts[t] - first : t)), ref current, ref tag);
        TW.Store(current, best);
        if (offsets && keep == TW.Count && typeof(T) == typeof(float)) { StoreIndices(tag, first + ch, at); return; }
        TW.Store(tag, tags);
        if (offsets) for (int e = 0; e < keep; e++) at[e] = first + ch + e + int.CreateTruncating(tags[e]);
        else for (int e = 0; e < keep; e++) at[e] = starts[int.CreateTruncating(tags[e])] + ch + e;
    }

    /// <summary>at[e] = origin + e + (int)offsets[e] for a whole vector of float offsets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreIndices<TVec>(TVec offsets, int origin, int* at) where TVec : unmanaged
    {
        if (typeof(TVec) == typeof(Vector512<float>))
            (Vector512.ConvertToInt32(Unsafe.As<TVec, Vector512<float>>(ref offsets)) + Vector512.Create(origin) + Vector512<int>.Indices).Store(at);
        else if (typeof(TVec) == typeof(Vector256<float>))
            (Vector256.ConvertToInt32(Unsafe.As<TVec, Vector256<float>>(ref offsets)) + Vector256.Create(origin) + Vector256<int>.Indices).Store(at);
        else if (typeof(TVec) == typeof(Vector128<float>))
            (Vector128.ConvertToInt32(Unsafe.As<TVec, Vector128<float>>(ref offsets)) + Vector128.Create(origin) + Vector128<int>.Indices).Store(at);
        else at[0] = origin + (int)Unsafe.As<TVec, float>(ref offsets);
    }

    /// <summary>Whether every window's tap offsets are whole numbers float holds exactly: the largest, (f_h − 1)·d_h rows plus
    /// (f_w − 1)·d_w pixels, below 2^24 (its 24-bit significand).</summary>
    private static bool TagsAreExact(in ConvGeometry g) =>
        ((long)(g.KernelHeight - 1) * g.DilationHeight * g.InWidth + (long)(g.KernelWidth - 1) * g.DilationWidth) * g.InChannels < 1 << 24;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardImages<T>(ConvGeometry g, T* dy, int* argMax, T* dx, int n0, int n1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int perImage = g.OutHeight * g.OutWidth * g.InChannels;
        for (nint o = (nint)n0 * perImage, end = (nint)n1 * perImage; o < end; o++)
        {
            int at = argMax[o];
            if (at >= 0) dx[at] += dy[o];
        }
    }

    /// <summary>The flat offsets in x of output pixel (n, i, j)'s in-image taps, row-major; returns their count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WindowStarts(in ConvGeometry g, int n, int i, int j, int* starts)
    {
        int ih0 = i * g.StrideHeight - g.PadTop, iw0 = j * g.StrideWidth - g.PadLeft;
        int p0 = FirstInside(ih0, g.DilationHeight), p1 = EndInside(ih0, g.DilationHeight, g.KernelHeight, g.InHeight);
        int q0 = FirstInside(iw0, g.DilationWidth), q1 = EndInside(iw0, g.DilationWidth, g.KernelWidth, g.InWidth);
        int taps = 0;
        for (int p = p0; p < p1; p++)
        {
            int row = (n * g.InHeight + ih0 + p * g.DilationHeight) * g.InWidth + iw0;
            for (int q = q0; q < q1; q++) starts[taps++] = (row + q * g.DilationWidth) * g.InChannels;
        }
        return taps;
    }

    /// <summary>The first tap p with start + p·d ≥ 0 (no division for d = 1: this runs once per output pixel).</summary>
    private static int FirstInside(int start, int dilation) =>
        start >= 0 ? 0 : dilation == 1 ? -start : (-start + dilation - 1) / dilation;

    /// <summary>One past the last tap p &lt; kernel with start + p·d &lt; size.</summary>
    private static int EndInside(int start, int dilation, int kernel, int size) =>
        start >= size ? 0 : Math.Min(kernel, dilation == 1 ? size - start : (size - 1 - start) / dilation + 1);
}
