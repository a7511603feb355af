using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;

namespace Backprop.Kernels;

/// <summary>The block sizes of the five GEMM loops for one element type and vector width: C is cut into
/// Mc×Nc blocks, k into Kc slices; the micro-kernel computes an Mr×Nr tile of C held in registers.
/// <para>Cache reasoning for AMD Zen 3–5 (32–48 KB L1d, 512 KB–1 MB L2 per core, 32 MB shared L3; also right for
/// Intel cores and Apple/Graviton/Ampere ARM64 cores, which have larger L1s):</para>
/// <list type="bullet">
/// <item><b>Mr×Nr</b> (registers): Nr is always 2 vectors. With 32 vector registers (AVX-512's zmm, ARM64's v0–v31),
/// 10×2 hold accumulators, 2 the loaded B vectors and 1 the broadcast A value: 20 independent FMA chains hide the
/// 4-cycle FMA latency on two pipes (8 needed), 2 loads + 10 broadcasts per 20 FMAs. 10 divides the course's m = 20
/// (dW1 = dZ1ᵀ·X) and wastes 1 row in 210 on m = 209. With 16 registers (AVX2's ymm, SSE's xmm) the classic 6×2
/// block (12 accumulators + 2 + 1 = 15 registers) is the largest that does not spill; 12 chains still cover the
/// latency. The scalar level runs the same 6×2 block on one-lane "vectors" (x64 has 16 xmm registers).</item>
/// <item><b>Kc</b> (L1): the B micro-panel Kc×Nr (Kc × 2 vectors) stays in L1 while the ir loop runs every A
/// micro-panel of the block past it; Kc = 256 makes it 32 KB at 512-bit, 16 KB at 256, 8 KB at 128.
/// The k order of every C element depends on Kc alone, never on threads, so Kc is one constant and results are
/// bit-identical for any thread count.</item>
/// <item><b>Mc</b> (L2): the packed A block Mc×Kc stays in L2 across the jr loop: 240×256×4 B = 240 KB (float),
/// 120×256×8 B (double), under half of a 512 KB Zen 3 L2. Mc is a multiple of Mr.</item>
/// <item><b>Nc</b> (L3): the packed B panel Kc×Nc is shared by all Mc blocks; 4096×256×4 B = 4 MB (float) sits
/// in L3. Nc is a multiple of Nr.</item>
/// <item><b>Nc for one row block</b> (L2, <see cref="NcOneBlock"/>): when all of m fits one Mc block and B is packed by rows (the course's
/// dW1 = dZ1ᵀ·X has m = 20), each packed B panel serves that one block right after it is packed, and nothing is gained
/// by keeping it in L3: at most 384 KB of panel (384 columns × 256 k in float) keeps it in L2 from packing to use. Measured on dW1 (Sapphire Rapids, 1 thread, float): 48 GFLOP/s
/// at 256-bit and ≈ 80 at 512-bit, against 38 and 58 with Nc = 4096 (the panel spilled from L2 to L3 before use).</item>
/// </list></summary>
internal readonly record struct GemmBlocking(VectorWidth Width, int Mr, int Nr, int Kc, int Mc, int Nc)
{
    /// <summary>k steps per packed slice; see the type's summary for why 256 and why it is independent of T and width.</summary>
    public const int KcAll = 256;

    /// <summary>Rows of the micro-kernel with a 32-register file (AVX-512, ARM64) and with 16 (AVX2, SSE, scalar).</summary>
    public const int MrLarge = 10, MrSmall = 6;

    /// <summary>Whether vectors of <paramref name="width"/> come with 32 registers: AVX-512 (zmm0–31) and ARM64 NEON (v0–31).</summary>
    public static bool HasLargeRegisterFile(VectorWidth width) =>
        width == VectorWidth.Bits512 || (width == VectorWidth.Bits128 && AdvSimd.Arm64.IsSupported);

    /// <summary>The blocking for element type <typeparamref name="T"/> at <paramref name="width"/> (an accelerated width).</summary>
    public static GemmBlocking For<T>(VectorWidth width)
    {
        int size = Unsafe.SizeOf<T>();
        int lanes = width == VectorWidth.Scalar ? 1 : (int)width / 8 / size;
        int mr = HasLargeRegisterFile(width) ? MrLarge : MrSmall, nr = 2 * lanes;
        return new GemmBlocking(width, mr, nr, KcAll, RoundDown(240 * 4 / size, mr), RoundDown(4096 * 4 / size, nr));
    }

    /// <summary>Largest packed B panel, in bytes, that should stay in L2 between packing and use (see the summary).</summary>
    public const int OneBlockPanelBytes = 384 * 1024;

    /// <summary>The panel width when all of m is one Mc block and k slices are <paramref name="kc"/> long: as wide as
    /// fits <see cref="OneBlockPanelBytes"/>, never wider than <see cref="Nc"/> (short slices, like dX's k = 20, keep Nc,
    /// so that A is not packed again for many narrow panels).</summary>
    public int NcOneBlock<T>(int kc) => Math.Min(Nc, RoundDown(OneBlockPanelBytes / (kc * Unsafe.SizeOf<T>()), Nr));

    /// <summary>Whether an m×n C fills the Mr×Nr tiles at least 1.25× better as Cᵀ (n×m): the fraction of the tiles'
    /// cells that are inside C, m/⌈m⌉_Mr · n/⌈n⌉_Nr, against n/⌈n⌉_Mr · m/⌈m⌉_Nr. Narrow C is the case: a convolution's
    /// Z = cols·W has n = 6–16 output channels against Nr = 16–32 columns (LeNet's first layer used 6 of 32 lanes at
    /// 512 bits); as Cᵀ those few channels are rows of one or two Mr-high panels and the pixels fill the Nr lanes.</summary>
    /// <para>Transposed, every C element is stored on its own (the tile is written across C's rows), as only the edge
    /// tiles are in the direct order; with short k (k &lt; <see cref="ShortKc"/>: a convolution's dcols = dZ·Wᵀ has
    /// k = n_C) those stores are most of the work, so the direct order keeps its full tiles there.</para>
    public bool FillsBetterTransposed(int m, int n, int k)
    {
        if (k < ShortKc && n >= Nr) return false;
        double direct = Fill(m, Mr) * Fill(n, Nr), transposed = Fill(n, Mr) * Fill(m, Nr);
        return transposed > 1.25 * direct;
    }

    private static double Fill(int size, int tile) => (double)size / ((size + tile - 1) / tile * tile);

    /// <summary>k slices shorter than this walk C by row panels (see Gemm.RowMajorTiles).</summary>
    public const int ShortKc = 64;

    private static int RoundDown(int value, int multiple) => Math.Max(multiple, value / multiple * multiple);
}
