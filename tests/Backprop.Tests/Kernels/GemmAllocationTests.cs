using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>A steady-state GEMM call allocates nothing on the calling thread, on one thread or on the worker pool,
/// on every path (five loops, transposed, dot products, row streaming) and at every vector width. Alone (no other test shares the
/// worker pool meanwhile), as in a training loop.</summary>
[Collection(nameof(GemmAllocationTests))]
public class GemmAllocationTests
{
    public static TheoryData<VectorWidth> Widths() => [.. VectorWidths.Available];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Steady_state_calls_on_one_and_two_threads_allocate_nothing(VectorWidth width)
    {
        foreach (var (m, n, k, ta, tb) in new[] { (209, 300, 140, false, false), (130, 20, 4000, false, true), (1, 50000, 209, true, false), (1000, 8, 1100, false, false) })
            foreach (int threads in new[] { 1, 2 })
            {
                Assert.True(Gemm.WorthSplitting(m, n, k), $"{m}×{n}×{k} is too small to be split between threads");
                var a = new float[m * k];
                var b = new float[k * n];
                var c = new float[m * n];
                int lda = ta ? m : k, ldb = tb ? k : n;
                void Call() => Gemm.Multiply(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, threads, width);
                // Warm up past the runtime's tier-up (30 calls of a method): with 3 warm-up calls, 7912 B showed up in a later
                // call when this ran after the other kernel tests (not in a training loop, which is long past tier-up).
                for (int i = 0; i < 40; i++) Call();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 10; i++) Call();
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated == 0, $"{m}×{n}×{k} on {threads} thread(s) at {VectorWidths.Describe(width)}: {allocated} bytes in 10 calls.");
            }
    }
}

[CollectionDefinition(nameof(GemmAllocationTests), DisableParallelization = true)]
public class GemmAllocationCollection;
