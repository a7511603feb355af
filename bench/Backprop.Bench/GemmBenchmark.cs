using System.Diagnostics;
using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Bench;

/// <summary>GEMM GFLOP/s (2·m·n·k / median time) for float and double on 1 and 2 threads, on square sizes and the
/// course's shapes; one CSV line per case: shape,type,threads,gflops (the shape names match bench/gemm_openblas.py).
/// Environment: GEMM_BENCH_SECONDS = time budget per case (default 1), GEMM_THREADS = "1,2".</summary>
public static class GemmBenchmark
{
    /// <summary>Name, m, n, k, transA, transB; row-major C = op(A)·op(B) as <see cref="Gemm.Multiply{T}"/>.</summary>
    public static readonly (string Name, int M, int N, int K, bool TransA, bool TransB)[] Shapes =
    [
        ("256x256x256", 256, 256, 256, false, false),
        ("512x512x512", 512, 512, 512, false, false),
        ("1024x1024x1024", 1024, 1024, 1024, false, false),
        ("2048x2048x2048", 2048, 2048, 2048, false, false),
        ("cat fwd X·W1ᵀ 209x20x12288", 209, 20, 12288, false, true),
        ("cat dW1 dZ1ᵀ·X 20x12288x209", 20, 12288, 209, true, false),
        ("cat dX dZ1·W1 209x12288x20", 209, 12288, 20, false, false),
        ("mnist X·W1ᵀ 128x512x784", 128, 512, 784, false, true),
        ("logistic dW dZᵀ·X 1x12288x209", 1, 12288, 209, true, false),
        ("logistic fwd X·wᵀ 209x1x12288", 209, 1, 12288, false, true),
        ("batch-1 fwd x·W1ᵀ 1x20x12288", 1, 20, 12288, false, true),
    ];

    public static void Run(string[] filters)
    {
        double budget = double.TryParse(Environment.GetEnvironmentVariable("GEMM_BENCH_SECONDS"), out var s) ? s : 1.0;
        var threads = (Environment.GetEnvironmentVariable("GEMM_THREADS") ?? "1,2").Split(',').Select(int.Parse).ToArray();
        Console.Error.WriteLine($"Backprop GEMM at {VectorWidths.Describe(VectorWidths.Widest)}");
        foreach (var shape in Shapes)
        {
            if (filters.Length > 0 && !filters.Any(f => shape.Name.Contains(f))) continue;
            foreach (int t in threads)
            {
                Console.WriteLine($"{shape.Name},float,{t},{Measure<float>(shape, t, budget):F1}");
                Console.WriteLine($"{shape.Name},double,{t},{Measure<double>(shape, t, budget):F1}");
            }
        }
    }

    private static double Measure<T>((string Name, int M, int N, int K, bool TransA, bool TransB) s, int threads, double budget)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(1);
        T[] a = Fill<T>((long)s.M * s.K, random), b = Fill<T>((long)s.K * s.N, random), c = new T[(long)s.M * s.N];
        int lda = s.TransA ? s.M : s.K, ldb = s.TransB ? s.K : s.N;
        void Once() => Gemm.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, T.One, a, lda, b, ldb, T.Zero, c, s.N, threads, VectorWidths.Widest);
        // Warm up for ≥ 0.3 s (and ≥ 3 calls): thread-pool threads started, packing buffers rented, code jitted.
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (calls < 3 || clock.Elapsed.TotalSeconds < 0.3) { Once(); calls++; }
        clock.Restart();
        Once();
        double once = Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
        int inner = Math.Max(1, (int)(0.02 / once));                 // each timed sample lasts ≥ ~20 ms
        int reps = Math.Clamp((int)(budget / (once * inner)), 5, 21);
        var samples = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            clock.Restart();
            for (int i = 0; i < inner; i++) Once();
            samples[r] = clock.Elapsed.TotalSeconds / inner;
        }
        Array.Sort(samples);
        return 2.0 * s.M * s.N * s.K / samples[reps / 2] / 1e9;
    }

    private static T[] Fill<T>(long length, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[length];
        for (long i = 0; i < length; i++) x[i] = T.CreateTruncating(random.NextDouble() * 2 - 1);
        return x;
    }
}
