using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>Per-column passes over a row-major rows × cols matrix (channels-last activations: rows = m·H·W, cols = C), for
/// batch normalisation: the sums acc_c += Σ_r (x − μ_c)² and acc_c += Σ_r a·b, and the per-column maps
/// x̂ = (x − μ_c)·s_c, y = γ_c·x̂ + β_c (<see cref="Normalize{T}"/>) and dx = A_c·dy + B_c·x̂ + C_c (<see cref="Combine{T}"/>).
/// The matrix is taken as flat blocks of lcm(L, cols) values (whole rows and whole vectors of L lanes), against the
/// per-column constants repeated to the block's length, so any cols runs on full vectors; rows past the last block, and
/// shapes whose block would exceed <see cref="MaxBlock"/> values, run one value at a time. Matrices of at least 2¹⁸
/// values are cut into <see cref="Parts"/> runs of blocks on the kernel threads; the sums add the parts' partial sums in
/// part order, so their order depends on the shape and the vector width, never on the thread count.</summary>
public static unsafe class ChannelPasses
{
    // The block limit, the parts and the size that is cut into parts are those of ColumnSums, which this extends.
    private const int MaxBlock = ColumnSums.MaxBlock, Parts = ColumnSums.Parts, ParallelElements = ColumnSums.ParallelElements;

    /// <summary>acc_c += Σ_r (x_rc − μ_c)².</summary>
    public static void AddSquaredDeviations<T>(ReadOnlySpan<T> x, int cols, ReadOnlySpan<T> mean, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x.Length, cols, mean.Length, acc.Length);
        fixed (T* px = x) fixed (T* pm = mean) fixed (T* pa = acc) Sums(px, px, pm, x.Length / cols, cols, pa);
    }

    /// <summary>acc_c += Σ_r a_rc·b_rc.</summary>
    public static void AddProducts<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int cols, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, cols, cols, acc.Length);
        if (b.Length != a.Length) throw new ArgumentException("Column products need two matrices of one size.");
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pacc = acc) Sums(pa, pb, null, a.Length / cols, cols, pacc);
    }

    /// <summary>x̂_rc = (x_rc − μ_c)·s_c and y_rc = γ_c·x̂_rc + β_c (the subtraction first, so a large mean costs no
    /// precision).</summary>
    public static void Normalize<T>(ReadOnlySpan<T> x, int cols, ReadOnlySpan<T> mean, ReadOnlySpan<T> s, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta,
        Span<T> xhat, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x.Length, cols, Math.Min(Math.Min(s.Length, mean.Length), Math.Min(gamma.Length, beta.Length)), cols);
        if (xhat.Length != x.Length || y.Length != x.Length) throw new ArgumentException("Normalize writes x̂ and y of x's size.");
        fixed (T* px = x) fixed (T* ps = s) fixed (T* pm = mean) fixed (T* pg = gamma) fixed (T* pb = beta) fixed (T* ph = xhat) fixed (T* py = y)
            Map(new Affine<T>(px, px, ps, pm, pg, pb, ph, py, normalize: true), x.Length / cols, cols);
    }

    /// <summary>dx_rc = A_c·dy_rc + B_c·x̂_rc + C_c.</summary>
    public static void Combine<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> xhat, int cols, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c,
        Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(dy.Length, cols, Math.Min(Math.Min(a.Length, b.Length), c.Length), cols);
        if (xhat.Length != dy.Length || dx.Length != dy.Length) throw new ArgumentException("Combine reads x̂ and writes dx of dy's size.");
        fixed (T* pd = dy) fixed (T* ph = xhat) fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c) fixed (T* px = dx)
            Map(new Affine<T>(pd, ph, pa, pb, pc, null, px, null, normalize: false), dy.Length / cols, cols);
    }

    private static void Check(int length, int cols, int constants, int acc)
    {
        if (cols <= 0 || length % cols != 0 || constants < cols || acc < cols)
            throw new ArgumentException($"channel pass: {length} values are not rows of {cols}, or a per-column vector is short.");
    }

    /// <summary>lcm(lanes, cols), or 0 when it exceeds <see cref="MaxBlock"/>.</summary>
    private static int Block(int lanes, int cols)
    {
        int a = lanes, b = cols;
        while (b != 0) (a, b) = (b, a % b);
        long lcm = (long)lanes / a * cols;
        return lcm <= MaxBlock ? (int)lcm : 0;
    }

    // ---- sums ----

    [SkipLocalsInit]
    private static void Sums<T>(T* a, T* b, T* mean, int rows, int cols, T* acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if ((long)rows * cols < ParallelElements || cols * Parts > MaxBlock) { SumRows(a, b, mean, rows, cols, acc); return; }
        T* partials = stackalloc T[Parts * cols];
        new Span<T>(partials, Parts * cols).Clear();
        WorkerPool.Run(new SumPart<T>(a, b, mean, rows, cols, partials), Parts, Threads);
        for (int p = 0; p < Parts; p++)
            for (int c = 0; c < cols; c++) acc[c] += partials[p * cols + c];
    }

    private static int Threads => Math.Clamp(Math.Min(Gemm.MaxThreads, Environment.ProcessorCount), 1, Parts);

    private readonly struct SumPart<T>(T* a, T* b, T* mean, int rows, int cols, T* partials) : IPartWork where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void RunPart(int part)
        {
            int from = (int)((long)rows * part / Parts), to = (int)((long)rows * (part + 1) / Parts);
            nint offset = (nint)from * cols;
            SumRows(a + offset, b + offset, mean, to - from, cols, partials + (nint)part * cols);
        }
    }

    private static void SumRows<T>(T* a, T* b, T* mean, int rows, int cols, T* acc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (VectorWidths.For<T>(VectorWidths.Widest))
        {
            case VectorWidth.Bits512: SumRows<T, Vector512<T>, Width512<T>>(a, b, mean, rows, cols, acc); break;
            case VectorWidth.Bits256: SumRows<T, Vector256<T>, Width256<T>>(a, b, mean, rows, cols, acc); break;
            case VectorWidth.Bits128: SumRows<T, Vector128<T>, Width128<T>>(a, b, mean, rows, cols, acc); break;
            default: SumRows<T, T, WidthScalar<T>>(a, b, mean, rows, cols, acc); break;
        }
    }

    /// <summary>With <paramref name="mean"/>: Σ (a − μ)²; without: Σ a·b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void SumRows<T, TVec, TW>(T* a, T* b, T* mean, int rows, int cols, T* acc)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        int lanes = TW.Count, block = Block(lanes, cols), r = 0;
        if (block > 0 && rows >= block / cols)
        {
            int rowsPerBlock = block / cols;
            T* partial = stackalloc T[block];
            T* mu = stackalloc T[block];
            for (int v = 0; v < block; v++) { partial[v] = T.Zero; mu[v] = mean is null ? T.Zero : mean[v % cols]; }
            for (; r + rowsPerBlock <= rows; r += rowsPerBlock)
            {
                nint at = (nint)r * cols;
                for (int v = 0; v < block; v += lanes)
                {
                    TVec x = TW.Load(a + at + v);
                    if (mean is null) TW.Store(TW.MultiplyAdd(x, TW.Load(b + at + v), TW.Load(partial + v)), partial + v);
                    else
                    {
                        TVec d = TW.Subtract(x, TW.Load(mu + v));
                        TW.Store(TW.MultiplyAdd(d, d, TW.Load(partial + v)), partial + v);
                    }
                }
            }
            for (int v = 0; v < block; v++) acc[v % cols] += partial[v];
        }
        for (; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                nint i = (nint)r * cols + c;
                if (mean is null) acc[c] += a[i] * b[i];
                else { T d = a[i] - mean[c]; acc[c] += d * d; }
            }
    }

    // ---- affine maps ----

    /// <summary>normalize: x̂ = (u − q)·p (p = s, q = μ), y = γ·x̂ + β, into out and out2; otherwise out = p·u + q·w + k
    /// (p = A, q = B, k = C, u = dy, w = x̂).</summary>
    private readonly struct Affine<T>(T* u, T* w, T* p, T* q, T* k, T* beta, T* output, T* output2, bool normalize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Rows(int from, int to, int cols)
        {
            switch (VectorWidths.For<T>(VectorWidths.Widest))
            {
                case VectorWidth.Bits512: Rows<Vector512<T>, Width512<T>>(from, to, cols); break;
                case VectorWidth.Bits256: Rows<Vector256<T>, Width256<T>>(from, to, cols); break;
                case VectorWidth.Bits128: Rows<Vector128<T>, Width128<T>>(from, to, cols); break;
                default: Rows<T, WidthScalar<T>>(from, to, cols); break;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        private void Rows<TVec, TW>(int from, int to, int cols) where TVec : unmanaged where TW : IVectorWidth<T, TVec>
        {
            int lanes = TW.Count, block = Block(lanes, cols), r = from;
            if (block > 0 && to - from >= block / cols)
            {
                int rowsPerBlock = block / cols;
                T* cp = stackalloc T[block];
                T* cq = stackalloc T[block];
                T* ck = stackalloc T[block];
                T* cb = stackalloc T[block];
                for (int v = 0; v < block; v++)
                {
                    int c = v % cols;
                    (cp[v], cq[v], ck[v]) = (p[c], q[c], k[c]);
                    cb[v] = normalize ? beta[c] : T.Zero;
                }
                for (; r + rowsPerBlock <= to; r += rowsPerBlock)
                {
                    nint at = (nint)r * cols;
                    for (int v = 0; v < block; v += lanes)
                    {
                        if (normalize)
                        {
                            TVec h = TW.Multiply(TW.Subtract(TW.Load(u + at + v), TW.Load(cq + v)), TW.Load(cp + v));
                            TW.Store(h, output + at + v);
                            TW.Store(TW.MultiplyAdd(TW.Load(ck + v), h, TW.Load(cb + v)), output2 + at + v);
                        }
                        else
                        {
                            TVec d = TW.MultiplyAdd(TW.Load(u + at + v), TW.Load(cp + v), TW.Load(ck + v));
                            TW.Store(TW.MultiplyAdd(TW.Load(w + at + v), TW.Load(cq + v), d), output + at + v);
                        }
                    }
                }
            }
            for (; r < to; r++)
                for (int c = 0; c < cols; c++)
                {
                    nint i = (nint)r * cols + c;
                    if (normalize)
                    {
                        T h = (u[i] - q[c]) * p[c];
                        output[i] = h;
                        output2[i] = k[c] * h + beta[c];
                    }
                    else output[i] = u[i] * p[c] + w[i] * q[c] + k[c];
                }
        }
    }

    private static void Map<T>(Affine<T> work, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if ((long)rows * cols < ParallelElements) { work.Rows(0, rows, cols); return; }
        WorkerPool.Run(new MapPart<T>(work, rows, cols), Parts, Threads);
    }

    private readonly struct MapPart<T>(Affine<T> work, int rows, int cols) : IPartWork where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void RunPart(int part) =>
            work.Rows((int)((long)rows * part / Parts), (int)((long)rows * (part + 1) / Parts), cols);
    }
}
