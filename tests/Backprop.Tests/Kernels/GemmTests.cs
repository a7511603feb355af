using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>GEMM against <see cref="NaiveGemm{T}"/>: |C − C_ref| ≤ 8·ε·√(k+1)·(|α|·Σ|a·b| + |β·C|) per element, for float and
/// double, every transpose, α/β, padded strides, every block size ±1 and the course's shapes; plus bit-identity
/// across thread counts at every vector width, and untouched memory around C.</summary>
public class GemmTests
{
    private const double Canary = 12345.25;

    private readonly record struct Case(int M, int N, int K, bool TransA = false, bool TransB = false,
        double Alpha = 1, double Beta = 0, int PadA = 0, int PadB = 0, int PadC = 0)
    {
        public override string ToString() =>
            $"{M}×{N}×{K}{(TransA ? " Aᵀ" : "")}{(TransB ? " Bᵀ" : "")} α={Alpha} β={Beta} pads={PadA},{PadB},{PadC}";
    }

    private static IEnumerable<Case> AllTransposes(int m, int n, int k, double alpha = 1, double beta = 0, int pad = 0)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                yield return new Case(m, n, k, ta, tb, alpha, beta, pad, pad, pad);
    }

    [Fact]
    public void Float_gemm_matches_naive_reference_on_one_by_one_and_primes() => PrimesAndTiny<float>();

    [Fact]
    public void Double_gemm_matches_naive_reference_on_one_by_one_and_primes() => PrimesAndTiny<double>();

    private static void PrimesAndTiny<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (m, n, k) in new[] { (1, 1, 1), (1, 1, 300), (2, 400, 4), (7, 13, 17), (31, 37, 41), (61, 67, 71), (131, 137, 139) })
            foreach (var c in AllTransposes(m, n, k))
                Verify<T>(c);
    }

    public static TheoryData<VectorWidth> Widths() => [.. VectorWidths.Available];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Float_gemm_at_every_vector_width_matches_naive_reference_on_edge_sizes(VectorWidth width) => EdgeSizes<float>(width);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Double_gemm_at_every_vector_width_matches_naive_reference_on_edge_sizes(VectorWidth width) => EdgeSizes<double>(width);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Skinny_and_course_shapes_at_every_vector_width_match_naive_reference(VectorWidth width)
    {
        foreach (var c in new[]
        {
            new Case(1, 12288, 209, TransA: true), new Case(209, 1, 12288, TransB: true), new Case(1, 20, 12288, TransB: true),
            new Case(3, 300, 70, TransA: false, Beta: 1, PadC: 2), new Case(4, 130, 257), new Case(2, 600, 300, TransB: true, Alpha: 0.5),
            new Case(209, 20, 12288, TransB: true), new Case(20, 12288, 209, TransA: true, Beta: 1), new Case(209, 12288, 20),
        })
        {
            Verify<float>(c, width);
            Verify<double>(c, width);
        }
    }

    /// <summary>Each block size (Mr, Nr, Mc, Kc, Nc of this type and width) −1, exact and +1 in its own dimension,
    /// the others small primes, so every partial micro-tile, block and slice is hit.</summary>
    private static void EdgeSizes<T>(VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var blocking = GemmBlocking.For<T>(width);
        var cases = new List<Case>();
        foreach (int d in new[] { -1, 0, 1 })
        {
            cases.AddRange(AllTransposes(blocking.Mr + d, blocking.Nr + d, 37));
            cases.AddRange(AllTransposes(2 * blocking.Mr + d, 3 * blocking.Nr + d, 29, alpha: 1, beta: 1));
            cases.Add(new Case(blocking.Mc + d, 2 * blocking.Nr + 3, 19, TransA: d == 0));
            cases.Add(new Case(13, 23, blocking.Kc + d, TransB: d != 0, Beta: 0.5));
            cases.Add(new Case(blocking.Mr + 1, blocking.Nr + 1, 2 * blocking.Kc + d, TransA: d == 1, TransB: d == -1));
            cases.Add(new Case(11, blocking.Nc + d, 7, TransA: d == -1, TransB: d == 1, Alpha: -1));
            // One row block: B panels as wide as fit L2 (NcOneBlock), k cut into two slices.
            cases.Add(new Case(blocking.Mr + 2, blocking.NcOneBlock<T>(blocking.Kc) + d, blocking.Kc + 5, TransA: d == 0, Beta: d == 1 ? 1 : 0));
        }
        foreach (var c in cases) Verify<T>(c, width);
    }

    [Fact]
    public void Float_gemm_honours_alpha_beta_and_padded_strides() => AlphaBetaStrides<float>();

    [Fact]
    public void Double_gemm_honours_alpha_beta_and_padded_strides() => AlphaBetaStrides<double>();

    private static void AlphaBetaStrides<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (1.0, 1.0), (-0.5, 2.0), (2.0, -1.0), (0.0, 1.0), (3.0, 0.0) })
            foreach (var (m, n, k) in new[] { (5, 9, 3), (45, 70, 300), (300, 40, 20) })
                foreach (var c in AllTransposes(m, n, k, alpha, beta, pad: 5))
                    Verify<T>(c);
    }

    [Fact]
    public void Beta_zero_overwrites_NaN_in_C_and_beta_one_accumulates()
    {
        foreach (var (m, n, k) in new[] { (3, 4, 5), (50, 70, 90), (600, 20, 300), (20, 300, 209) })
            foreach (var c in AllTransposes(m, n, k))
            {
                Verify<float>(c, fillC: float.NaN);
                Verify<double>(c with { Beta = 1 });
            }
    }

    [Fact]
    public void Empty_k_scales_C_by_beta_and_empty_m_or_n_touch_nothing()
    {
        Verify<float>(new Case(4, 5, 0, Beta: 0), fillC: float.NaN);
        Verify<double>(new Case(4, 5, 0, Beta: 2));
        Verify<float>(new Case(0, 5, 3));
        Verify<double>(new Case(4, 0, 3, TransA: true));
    }

    [Fact]
    public void Float_gemm_matches_naive_reference_on_the_course_shapes() => CourseShapes<float>();

    [Fact]
    public void Double_gemm_matches_naive_reference_on_the_course_shapes() => CourseShapes<double>();

    /// <summary>The cat model's first layer (209 examples, 12288 inputs, 20 units): forward X·W1ᵀ, dW1 = dZ1ᵀ·X,
    /// dX = dZ1·W1; and MNIST's 128×784 · (512×784)ᵀ.</summary>
    private static void CourseShapes<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Verify<T>(new Case(209, 20, 12288, TransB: true));
        Verify<T>(new Case(20, 12288, 209, TransA: true, Beta: 1));
        Verify<T>(new Case(209, 12288, 20));
        Verify<T>(new Case(128, 512, 784, TransB: true));
    }

    [Fact]
    public void Results_are_bit_identical_with_one_and_two_threads()
    {
        var shapes = new[]
        {
            new Case(209, 20, 12288, TransB: true), new Case(20, 12288, 209, TransA: true), new Case(209, 12288, 20),
            new Case(600, 20, 1000, TransB: true, Beta: 1),
            new Case(300, 200, 700, Beta: 1), new Case(200, 300, 700, TransA: true, TransB: true, Alpha: 0.5),
            new Case(257, 513, 300, TransB: true, PadA: 3, PadB: 1, PadC: 2),
        };
        foreach (var c in shapes)
        {
            Assert.Equal(Run<float>(c, threads: 1), Run<float>(c, threads: 2));
            Assert.Equal(Run<double>(c, threads: 1), Run<double>(c, threads: 2));
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Every_path_at_every_width_gives_the_same_bits_on_one_and_two_threads(VectorWidth width)
    {
        foreach (var c in new[]
        {
            new Case(100, 90, 1000, Beta: 1), new Case(37, 700, 400, TransA: true, TransB: true, PadC: 1),
            new Case(2, 5000, 1000, TransA: true), new Case(3, 1000, 3000, TransB: true), new Case(130, 7, 10000, TransB: true),
            new Case(1000, 8, 1100, PadA: 1), new Case(1, 12288, 209, TransA: true), new Case(209, 1, 12288, TransB: true),
        })
        {
            Assert.True(Gemm.WorthSplitting(c.M, c.N, c.K), $"{c} is too small to be split between threads");
            Assert.Equal(Run<float>(c, threads: 1, width), Run<float>(c, threads: 2, width));
            Assert.Equal(Run<double>(c, threads: 1, width), Run<double>(c, threads: 2, width));
        }
    }

    /// <summary>Narrow C (a convolution's few output channels) runs as Cᵀ = op(B)ᵀ·op(A)ᵀ with C written transposed: it must
    /// match the naive product, and give the very bits of computing Cᵀ as its own GEMM (same k order per element).</summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Narrow_products_run_transposed_with_the_same_bits_as_the_transposed_product(VectorWidth width)
    {
        // 6 columns fill 6 of 16–32 lanes of an Nr-wide tile, 6 of 6 or 10 rows of an Mr-high one (scalar: Nr = 2).
        if (width != VectorWidth.Scalar)
            Assert.True(GemmBlocking.For<float>(VectorWidths.For<float>(width)).FillsBetterTransposed(300, 6, 25));
        Assert.False(GemmBlocking.For<float>(VectorWidths.For<float>(width)).FillsBetterTransposed(6, 300, 25));
        Assert.False(GemmBlocking.For<float>(VectorWidths.For<float>(width)).FillsBetterTransposed(5000, 48, 8));
        foreach (var c in new[]
        {
            new Case(300, 6, 25), new Case(1000, 16, 150, Beta: 1, PadC: 3), new Case(150, 16, 3000, TransA: true),
            new Case(130, 10, 64, TransB: true, Alpha: -0.5, Beta: 2), new Case(700, 8, 300, TransA: true, TransB: true, PadA: 2),
        })
        {
            Verify<float>(c, width);
            Verify<double>(c, width);
            AssertSameBitsAsTransposedProduct<float>(c, width);
            AssertSameBitsAsTransposedProduct<double>(c, width);
        }
    }

    private static void AssertSameBitsAsTransposedProduct<T>(Case c, VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, lda, b, ldb, _, _) = Operands<T>(c, T.Zero);
        var direct = new T[c.M * c.N];
        var viaTranspose = new T[c.N * c.M];
        Gemm.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, T.CreateChecked(c.Alpha), a, lda, b, ldb, T.Zero, direct, c.N, 1, width);
        // Cᵀ = op(B)ᵀ·op(A)ᵀ: B as the left operand with its flag flipped, A as the right.
        Gemm.Multiply(!c.TransB, !c.TransA, c.N, c.M, c.K, T.CreateChecked(c.Alpha), b, ldb, a, lda, T.Zero, viaTranspose, c.M, 1, width);
        for (int i = 0; i < c.M; i++)
            for (int j = 0; j < c.N; j++)
                Assert.Equal(viaTranspose[j * c.M + i], direct[i * c.N + j]);
    }

    [Fact]
    public void Short_buffers_negative_sizes_and_short_strides_throw_with_the_sizes()
    {
        // op(A) 2×10, op(B) 10×3, C 2×3; each call below gets one thing wrong.
        static string Fails(Action call) => Assert.Throws<ArgumentException>(call).Message;
        Assert.Contains("A (2×10, stride 10) needs 20 elements; got 19", Fails(() => Gemm.Multiply(false, false, 2, 3, 10, 1f, new float[19], 10, new float[30], 3, 0f, new float[6], 3)));
        Assert.Contains("A (10×2, stride 2) needs 20 elements; got 19", Fails(() => Gemm.Multiply(true, false, 2, 3, 10, 1f, new float[19], 2, new float[30], 3, 0f, new float[6], 3)));
        Assert.Contains("B (3×10, stride 10) needs 30 elements; got 29", Fails(() => Gemm.Multiply(false, true, 2, 3, 10, 1f, new float[20], 10, new float[29], 10, 0f, new float[6], 3)));
        Assert.Contains("C (2×3, stride 4) needs 7 elements; got 6", Fails(() => Gemm.Multiply(false, false, 2, 3, 10, 1.0, new double[20], 10, new double[30], 3, 0.0, new double[6], 4)));
        Assert.Contains("A has 10 columns but row stride 9", Fails(() => Gemm.Multiply(false, false, 2, 3, 10, 1f, new float[20], 9, new float[30], 3, 0f, new float[6], 3)));
        Assert.Contains("m=-1", Fails(() => Gemm.Multiply(false, false, -1, 3, 10, 1f, new float[20], 10, new float[30], 3, 0f, new float[6], 3)));
    }

    // ---- harness ----

    private static T[] Run<T>(Case c, int threads, VectorWidth width = VectorWidth.Bits512) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, lda, b, ldb, result, ldc) = Operands<T>(c, T.CreateChecked(0.25));
        Gemm.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, T.CreateChecked(c.Alpha), a, lda, b, ldb, T.CreateChecked(c.Beta), result, ldc, threads, width);
        return result;
    }

    private static void Verify<T>(Case c, VectorWidth width = VectorWidth.Bits512, T? fillC = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, lda, b, ldb, result, ldc) = Operands(c, fillC);
        var before = (T[])result.Clone();
        var naive = new NaiveGemm<T>(c.TransA, c.TransB, c.M, c.N, c.K, T.CreateChecked(c.Alpha), a, lda, b, ldb, T.CreateChecked(c.Beta));
        Gemm.Multiply(c.TransA, c.TransB, c.M, c.N, c.K, T.CreateChecked(c.Alpha), a, lda, b, ldb, T.CreateChecked(c.Beta), result, ldc, 2, width);
        double epsilon = double.CreateChecked(T.BitIncrement(T.One) - T.One);
        double tolerance = 8 * epsilon * Math.Sqrt(c.K + 1), floor = double.CreateChecked(T.Epsilon);
        // Big products check every element on the last row and column (edge tiles) and a regular sample elsewhere,
        // about 4 M multiply-adds of reference work in all.
        long stride = Math.Max(1, (long)c.M * c.N * Math.Max(c.K, 1) / (4 << 20));
        for (int index = 0; index < result.Length; index++)
        {
            double actual = double.CreateChecked(result[index]);
            int i = ldc == 0 ? c.M : index / ldc, j = ldc == 0 ? 0 : index % ldc;
            if (i >= c.M || j >= c.N)
            {
                Assert.True(actual == Canary, $"{typeof(T).Name} {c}: element {index}, outside C, was overwritten with {actual}.");
                continue;
            }
            if (i != c.M - 1 && j != c.N - 1 && ((long)i * c.N + j) % stride != 0) continue;
            var (want, scale) = naive.Element(i, j, before[index]);
            double limit = tolerance * scale + floor;
            Assert.True(Math.Abs(actual - want) <= limit,
                $"{typeof(T).Name} {c} at {VectorWidths.Describe(VectorWidths.For<T>(width))}: C[{i},{j}] = {actual}, expected {want} ± {limit}.");
        }
    }

    /// <summary>Random A and B in [−1, 1) with padded strides; C with its own padding and 3 canaries after it, C cells
    /// filled with <paramref name="fillC"/> (or random values).</summary>
    private static (T[] A, int Lda, T[] B, int Ldb, T[] C, int Ldc) Operands<T>(Case c, T? fillC = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(c.GetHashCode());
        (int aRows, int aCols) = c.TransA ? (c.K, c.M) : (c.M, c.K);
        (int bRows, int bCols) = c.TransB ? (c.N, c.K) : (c.K, c.N);
        int lda = aCols + c.PadA, ldb = bCols + c.PadB, ldc = c.N + c.PadC;
        var a = Matrix<T>(aRows, lda, random);
        var b = Matrix<T>(bRows, ldb, random);
        var result = new T[Math.Max(0, c.M * ldc) + 3];
        Array.Fill(result, T.CreateChecked(Canary));
        for (int i = 0; i < c.M; i++)
            for (int j = 0; j < c.N; j++)
                result[i * ldc + j] = fillC ?? T.CreateChecked(random.NextDouble() * 2 - 1);
        return (a, lda, b, ldb, result, ldc);
    }

    private static T[] Matrix<T>(int rows, int stride, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[Math.Max(1, rows * stride)];
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateChecked(random.NextDouble() * 2 - 1);
        return x;
    }
}
