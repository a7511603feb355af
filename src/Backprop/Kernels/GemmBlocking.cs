using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>The block sizes of the five GEMM loops for one element type and vector width: C is cut into
/// Mc×Nc blocks, k into Kc slices; the micro-kernel computes an Mr×Nr tile of C held in registers.
/// <para>Cache reasoning for AMD Zen 5 (48 KB L1d, 1 MB L2 per core, 32 MB shared L3; also right for Zen 4 and
/// Intel cores with 32–48 KB L1d and 1–2 MB L2):</para>
/// <list type="bullet">
/// <item><b>Mr×Nr</b> (registers): of the 32 zmm registers, 10×2 hold accumulators (Mr = 10 rows of C × Nr = 2
/// vectors: 32 floats or 16 doubles), 2 the loaded B vectors and 1 the broadcast A value. Each k step does 20 FMAs
/// (10 cycles on Zen 5's two 512-bit FMA pipes) for 2 vector loads + 10 broadcasts, under the 2 loads per cycle
/// the core sustains, and 20 independent chains hide the 4-cycle FMA latency (8 needed). 12×2 measures the same
/// on square sizes, but 10 divides the course's m = 20 (dW1 = dZ1ᵀ·X) exactly and wastes 1 row in 210 on
/// m = 209. With 256-bit vectors (16 registers) the classic 6×2 block (12 accumulators) is the largest that fits.</item>
/// <item><b>Kc</b> (L1): the packed B micro-panel Kc×Nr (Kc × 128 bytes for either type) stays in L1 while the
/// ir loop runs every A micro-panel of the block past it; Kc = 256 makes it 32 KB of the 48 KB L1, leaving room
/// for the streamed A micro-panel (Mr×Kc: 10 KB in float, 20 KB in double) and C lines. 384 and 512 measured no
/// better: the C update (20 vector loads, FMAs and stores per Kc steps) is already under 5 %.
/// The k order of every C element depends on Kc alone, never on threads or vector width, so Kc is one
/// constant: results are bit-identical for any thread count and for 256- or 512-bit vectors.</item>
/// <item><b>Mc</b> (L2): the packed A block Mc×Kc stays in L2 across the jr loop: 240×256×4 B = 240 KB (float),
/// 120×256×8 B = 240 KB (double), a quarter of the 1 MB L2 so that the B panel streaming through and the C
/// tiles do not evict it. Mc is a multiple of Mr. (120–480 measured alike.)</item>
/// <item><b>Nc</b> (L3): the packed B panel Kc×Nc is shared by all Mc blocks; 4096×256×4 B = 4 MB (float) sits
/// in L3 (32 MB, shared with the other core's panel). Nc is a multiple of Nr.</item>
/// </list></summary>
internal readonly record struct GemmBlocking(int Mr, int Nr, int Kc, int Mc, int Nc, bool Wide)
{
    /// <summary>k steps per packed slice; see the type's summary for why 256 and why it is independent of T and width.</summary>
    public const int KcAll = 256;

    /// <summary>Rows of the 512-bit micro-kernel; the 256-bit one has <see cref="MrNarrow"/>.</summary>
    public const int MrWide = 10;
    public const int MrNarrow = 6;

    /// <summary>The blocking for element type <typeparamref name="T"/>: 512-bit vectors where
    /// <paramref name="wide"/> and the hardware has them, else 256-bit.</summary>
    public static GemmBlocking For<T>(bool wide)
    {
        int size = Unsafe.SizeOf<T>();
        if (wide)
        {
            int nr = 2 * Vector512<byte>.Count / size;                 // 32 float, 16 double
            return new GemmBlocking(MrWide, nr, KcAll, RoundDown(240 * 4 / size, MrWide), RoundDown(4096 * 4 / size, nr), true);
        }
        int nrNarrow = 2 * Vector256<byte>.Count / size;               // 16 float, 8 double
        return new GemmBlocking(MrNarrow, nrNarrow, KcAll, RoundDown(240 * 4 / size, MrNarrow), RoundDown(4096 * 4 / size, nrNarrow), false);
    }

    /// <summary>Row blocks up to this high read full-width B micro-panels in place instead of packing B (see Gemm.Loops):
    /// each B panel then serves at most 4 micro-kernel calls, too few to repay a copy of it (dW1 in float: 150
    /// against 90 GFLOP/s packed).</summary>
    public const int InPlaceRows = 4 * MrWide;

    /// <summary>k slices shorter than this walk C by row panels (see Gemm.RowMajorTiles).</summary>
    public const int ShortKc = 64;

    /// <summary>Whether the 512-bit micro-kernel can run here.</summary>
    public static bool WideAvailable<T>() => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported;

    private static int RoundDown(int value, int multiple) => Math.Max(multiple, value / multiple * multiple);
}
