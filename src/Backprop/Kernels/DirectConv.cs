using System.Numerics;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>Z[n, i, j, f] = b[f] + Σ_p Σ_u x̃[n, i·s_h + p, j·s_w·n_C + u] · W[p, u, f] (u = q·n_C_prev + c runs over one
/// kernel row's f_w·n_C_prev taps, contiguous in the zero-padded input x̃ of <see cref="DirectConvLayout"/>): a
/// convolution with dilation 1 computed straight from the image, without an im2col matrix — the oneDNN way, register
/// blocks of 6 output pixels × 2 vectors of filters (6 pixels of two rows × 1 vector when the filters fit one vector). The backward has the same shape:
/// <list type="bullet">
/// <item>dW[p, u, f] = Σ_(n, i, j) x̃[n, i·s_h + p, j·s_w·n_C + u] · dZ[n, i, j, f], blocks of 6 taps × 2 vectors of filters
/// over each image's pixels, into one partial per part of the batch; the partials are then added in part order;</item>
/// <item>dx̃[n, i·s_h + p, j·s_w·n_C + u] += Σ_f dZ[n, i, j, f] · W[p, u, f], 4 vectors of taps per pixel and kernel row,
/// and dA_prev is x̃'s gradient without its padding.</item>
/// </list>
/// The batch is cut into <see cref="Parts"/> runs of whole images — a number fixed by the shape, so the bits do not depend on
/// the thread count — and the parts run on the <see cref="WorkerPool"/>: a second core helps however small each image's
/// products are. Nothing is allocated; the caller owns every buffer.</summary>
public static unsafe class DirectConv
{
    /// <summary>Dilation 1 in both directions (the taps of a kernel row are then contiguous in x̃).</summary>
    public static bool Supports(in ConvGeometry g) => g.DilationHeight == 1 && g.DilationWidth == 1;

    /// <summary>The layout for geometry <paramref name="g"/> and <paramref name="filters"/>, for the forward and dW: vectors
    /// over the filters, at the width with the fewest vector operations, then the fewest padded lanes
    /// (<see cref="VectorWidths.Fitting{T}"/>).</summary>
    public static DirectConvLayout Layout<T>(in ConvGeometry g, int filters) where T : unmanaged =>
        new(g, filters, VectorWidths.Lanes<T>(VectorWidths.Fitting<T>(filters, 1)));

    /// <summary>The layout for <see cref="InputGradient{T}"/> (dA_prev pixel by pixel): vectors over a kernel row's
    /// f_w·n_C_prev taps in blocks of 4, chosen the same way (LeNet's 30 taps: 32 lanes at 256 bits, where 512 would pad
    /// to 64: 1.08 ms against 1.91 ms a batch on a Zen 5).</summary>
    public static DirectConvLayout PixelLayout<T>(in ConvGeometry g, int filters) where T : unmanaged =>
        new(g, filters, VectorWidths.Lanes<T>(VectorWidths.Fitting<T>(g.KernelWidth * g.InChannels, 4)));

    /// <summary>min(m, 8): the runs of whole images the batch is cut into, and the dW partials.</summary>
    public static int Parts(in ConvGeometry g) => Math.Min(g.Batch, 8);

    /// <summary>Below this many multiply-adds (P·k·F) a pass stays on one thread.</summary>
    private const long ParallelWork = 1 << 20;

    private static int Threads(in DirectConvLayout l) =>
        (long)l.G.OutPixels * l.G.PatchLength * l.Filters >= ParallelWork ? Math.Min(Gemm.MaxThreads, Environment.ProcessorCount) : 1;

    /// <summary>The forward: x̃ = pad(x) into <paramref name="padded"/> (kept for <see cref="WeightGradient{T}"/>), the weights
    /// packed with rows of <see cref="DirectConvLayout.FilterLanes"/> into <paramref name="packed"/> and the bias into
    /// <paramref name="packedBias"/> (zeros when <paramref name="bias"/> is empty), then Z.</summary>
    public static void Forward<T>(in DirectConvLayout l, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias,
        Span<T> padded, Span<T> packed, Span<T> packedBias, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Need(padded.Length >= l.PaddedLength && packed.Length >= l.PackedWeightLength && packedBias.Length >= l.FilterLanes
            && z.Length >= (long)l.G.OutPixels * l.Filters && x.Length >= (long)l.G.Batch * l.G.InHeight * l.G.InWidth * l.G.InChannels);
        PackRows(w, l.Filters, l.FilterLanes, packed);
        packedBias[..l.FilterLanes].Clear();
        bias.CopyTo(packedBias);
        fixed (T* px = x) fixed (T* pxp = padded) fixed (T* pw = packed) fixed (T* pb = packedBias) fixed (T* pz = z)
        {
            var part = new Pass<T>(l, PassKind.Forward, px, pxp, pw, pb, pz);
            Dispatch(part, Parts(l.G), Threads(l));
        }
    }

    /// <summary>dW (+)= Σ over the batch, from x̃ (as <see cref="Forward{T}"/> left it) and dZ. <paramref name="paddedDz"/> holds
    /// the last image's dZ with rows of FilterLanes when F is not a whole number of vectors (else it may be empty); <paramref name="partials"/>
    /// holds <see cref="Parts"/> × PackedWeightLength values.</summary>
    public static void WeightGradient<T>(in DirectConvLayout l, ReadOnlySpan<T> padded, ReadOnlySpan<T> dz, Span<T> paddedDz,
        Span<T> partials, Span<T> dw, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = Parts(l.G), f = l.Filters, fl = l.FilterLanes;
        bool padDz = fl != f;
        int lastImage = l.G.OutHeight * l.G.OutWidth;
        Need(padded.Length >= l.PaddedLength && partials.Length >= (long)parts * l.PackedWeightLength && dw.Length >= l.PackedWeightLength / fl * f
            && (!padDz || paddedDz.Length >= (long)lastImage * fl));
        // dZ rows are read a whole vector at a time: past F the lanes hold the next pixel's values (their dW lanes are dropped),
        // and only the batch's last image, whose last row would read past the end of dZ, is copied with rows of FilterLanes.
        if (padDz)
        {
            var last = dz[((l.G.Batch - 1) * lastImage * f)..];
            for (int r = 0; r < lastImage; r++)
            {
                last.Slice(r * f, f).CopyTo(paddedDz.Slice(r * fl, f));
                paddedDz.Slice(r * fl + f, fl - f).Clear();
            }
        }
        partials[..(parts * l.PackedWeightLength)].Clear();
        fixed (T* pxp = padded) fixed (T* pdz = dz) fixed (T* plast = paddedDz) fixed (T* pp = partials)
        {
            var part = new Pass<T>(l, PassKind.WeightGradient, padDz ? plast : null, pxp, null, pdz, pp);
            Dispatch(part, parts, Threads(l));
        }
        int rows = l.PackedWeightLength / fl;
        if (!accumulate) dw[..(rows * f)].Clear();
        for (int p = 0; p < parts; p++)
        {
            var partial = partials.Slice(p * l.PackedWeightLength, l.PackedWeightLength);
            for (int r = 0; r < rows; r++) Reductions.AddInto(partial.Slice(r * fl, f), dw.Slice(r * f, f));
        }
    }

    /// <summary>For stride 1 and padding of at most f − 1 on the top and left: dA_prev as a forward convolution of dZ,
    /// dA_prev[n, ih, iw, c] = Σ_(p', q', f) dZ̃[n, ih − (f_h − 1 − top) + p', iw − (f_w − 1 − left) + q', f] · W[f_h − 1 − p',
    /// f_w − 1 − q', c, f] — the input dZ (m, n_H, n_W, F), the kernel flipped, n_C_prev outputs — so that it runs the
    /// forward's register blocks (vectors over n_C_prev) instead of a scatter per pixel. Null otherwise, and when n_C_prev is
    /// less than a vector: its lanes would run part empty and it multiplies dZ's zero border too (LeNet's second layer, 10×10
    /// outputs padded to 18×18: twice the multiply-adds), so the per-pixel pass wins (n_C_prev = 6: 1.2 ms against 2.3 ms a
    /// batch on a Zen 5 at 256 and 512 bits, even with whole-vector stores; the CLI model's 16 and 32 channels: 11 ms against
    /// 18–22 ms per pixel at AVX2 on a Zen 3).</summary>
    public static DirectConvLayout? TransposedLayout<T>(in ConvGeometry g, int filters) where T : unmanaged
    {
        if (g.StrideHeight != 1 || g.StrideWidth != 1 || !Supports(g) || g.PadTop > g.KernelHeight - 1 || g.PadLeft > g.KernelWidth - 1) return null;
        var t = new ConvGeometry(g.Batch, g.OutHeight, g.OutWidth, filters, g.InHeight, g.InWidth, g.KernelHeight, g.KernelWidth,
            1, 1, 1, 1, g.KernelHeight - 1 - g.PadTop, g.KernelWidth - 1 - g.PadLeft);
        var layout = Layout<T>(t, g.InChannels);
        return g.InChannels >= layout.Lanes ? layout : null;
    }

    /// <summary>dx (+)= dA_prev by <see cref="TransposedLayout{T}"/> <paramref name="t"/>: W flipped into
    /// <paramref name="flipped"/> (f_h, f_w, F, n_C_prev), then <see cref="Forward{T}"/> on dZ, straight into dx or, to add,
    /// into <paramref name="sum"/> first.</summary>
    public static void InputGradientTransposed<T>(in DirectConvLayout t, ReadOnlySpan<T> dz, ReadOnlySpan<T> w, Span<T> flipped,
        Span<T> padded, Span<T> packed, Span<T> packedBias, Span<T> sum, Span<T> dx, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = t.G;
        int f = g.InChannels, c = t.Filters, fh = g.KernelHeight, fw = g.KernelWidth;
        Need(flipped.Length >= (long)fh * fw * f * c);
        for (int p = 0; p < fh; p++)
            for (int q = 0; q < fw; q++)
                for (int k = 0; k < f; k++)
                    for (int ch = 0; ch < c; ch++)
                        flipped[((p * fw + q) * f + k) * c + ch] = w[(((fh - 1 - p) * fw + fw - 1 - q) * c + ch) * f + k];
        int length = g.OutPixels * c;
        var target = accumulate ? sum[..length] : dx[..length];
        Forward(t, dz, flipped[..(fh * fw * f * c)], default, padded, packed, packedBias, target);
        if (accumulate) Reductions.AddInto<T>(target, dx[..length]);
    }

    /// <summary>dx (+)= the gradient of the input: the weights transposed per kernel row into <paramref name="transposed"/>
    /// (TransposedWeightLength values), dx̃ accumulated in <paramref name="paddedDx"/> (PaddedLength values), then cropped.</summary>
    public static void InputGradient<T>(in DirectConvLayout l, ReadOnlySpan<T> dz, ReadOnlySpan<T> w, Span<T> transposed,
        Span<T> paddedDx, Span<T> dx, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = l.G;
        Need(transposed.Length >= l.TransposedWeightLength && paddedDx.Length >= l.PaddedLength
            && dx.Length >= (long)g.Batch * g.InHeight * g.InWidth * g.InChannels);
        transposed[..l.TransposedWeightLength].Clear();
        for (int p = 0; p < g.KernelHeight; p++)
            for (int u = 0; u < l.Segment; u++)
                for (int f = 0; f < l.Filters; f++)
                    transposed[(p * l.Filters + f) * l.SegmentLanes + u] = w[(p * l.Segment + u) * l.Filters + f];
        fixed (T* pdz = dz) fixed (T* pwt = transposed) fixed (T* pdx = paddedDx) fixed (T* px = dx)
        {
            var part = new Pass<T>(l, PassKind.InputGradient, px, pdx, pwt, pdz, null, accumulate);
            Dispatch(part, Parts(g), Threads(l));
        }
    }

    private static void PackRows<T>(ReadOnlySpan<T> w, int f, int fl, Span<T> packed) where T : unmanaged
    {
        int rows = w.Length / f;
        for (int r = 0; r < rows; r++)
        {
            w.Slice(r * f, f).CopyTo(packed.Slice(r * fl, f));
            packed.Slice(r * fl + f, fl - f).Clear();
        }
    }

    private static void Need(bool ok)
    {
        if (!ok) throw new ArgumentException("DirectConv: a buffer is smaller than its DirectConvLayout requires.");
    }

    /// <summary>Runs the pass's parts at the width of its layout's lanes.</summary>
    private static void Dispatch<T>(Pass<T> pass, int parts, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = pass.L.Lanes;
        if (lanes == Vector512<T>.Count && Vector512.IsHardwareAccelerated) WorkerPool.Run(new PassAt<T, Vector512<T>, Width512<T>>(pass, parts), parts, threads);
        else if (lanes == Vector256<T>.Count && Vector256.IsHardwareAccelerated) WorkerPool.Run(new PassAt<T, Vector256<T>, Width256<T>>(pass, parts), parts, threads);
        else if (lanes == Vector128<T>.Count && Vector128.IsHardwareAccelerated) WorkerPool.Run(new PassAt<T, Vector128<T>, Width128<T>>(pass, parts), parts, threads);
        else if (lanes == 1) WorkerPool.Run(new PassAt<T, T, WidthScalar<T>>(pass, parts), parts, threads);
        else throw new ArgumentException($"DirectConv: no accelerated vector of {lanes} lanes here; build the layout with DirectConv.Layout.");
    }

    internal enum PassKind { Forward, WeightGradient, InputGradient }

    /// <summary>One pass's operands (pinned by the caller for the call): x (input, or dx for the input gradient), x̃ (or dx̃),
    /// the packed or transposed weights, the bias (or dZ), the output (Z or the dW partials), and for the input gradient
    /// whether dx is added to.</summary>
    internal readonly struct Pass<T>(DirectConvLayout l, PassKind kind, T* x, T* padded, T* weights, T* biasOrDz, T* output, bool accumulate = false)
        where T : unmanaged
    {
        public readonly DirectConvLayout L = l;
        public readonly PassKind Kind = kind;
        public readonly T* X = x, Padded = padded, Weights = weights, BiasOrDz = biasOrDz, Output = output;
        public readonly bool Accumulate = accumulate;
    }

    private readonly struct PassAt<T, TVec, TW>(Pass<T> pass, int parts) : IPartWork
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        public void RunPart(int part)
        {
            var g = pass.L.G;
            int n0 = (int)((long)g.Batch * part / parts), n1 = (int)((long)g.Batch * (part + 1) / parts);
            switch (pass.Kind)
            {
                case PassKind.Forward:
                    DirectConvPasses.Pad(pass.L, pass.X, pass.Padded, n0, n1);
                    DirectConvPasses.Forward<T, TVec, TW>(pass.L, pass.Padded, pass.Weights, pass.BiasOrDz, pass.Output, n0, n1);
                    break;
                case PassKind.WeightGradient:
                    DirectConvPasses.WeightGradient<T, TVec, TW>(pass.L, pass.Padded, pass.BiasOrDz, pass.X, pass.Output + (nint)part * pass.L.PackedWeightLength, n0, n1);
                    break;
                default:
                    DirectConvPasses.InputGradient<T, TVec, TW>(pass.L, pass.BiasOrDz, pass.Weights, pass.Padded, n0, n1);
                    DirectConvPasses.Crop(pass.L, pass.Padded, pass.X, pass.Accumulate, n0, n1);
                    break;
            }
        }
    }
}
