using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary><see cref="ColumnSums"/>: acc[c] += Σ_r m[r, c] for column counts below, at and past a vector, row counts
/// that leave a tail, and a matrix large enough to be cut into parts — the same bits on 1 and 2 threads.</summary>
public class ColumnSumsTests
{
    [Theory]
    [InlineData(7, 3)]
    [InlineData(100, 6)]
    [InlineData(1001, 16)]
    [InlineData(40_003, 8)]
    public void Sums_every_column_onto_what_acc_held(int rows, int cols)
    {
        var random = new Random(rows);
        var m = Enumerable.Range(0, rows * cols).Select(_ => random.NextDouble() - 0.5).ToArray();
        var acc = Enumerable.Range(0, cols).Select(c => (double)c).ToArray();
        ColumnSums.AddInto<double>(m, cols, acc);
        for (int c = 0; c < cols; c++)
        {
            double expected = c;
            for (int r = 0; r < rows; r++) expected += m[r * cols + c];
            Assert.Equal(expected, acc[c], 1e-9);
        }
    }

    [Fact]
    public void A_large_matrix_gives_the_same_bits_on_one_and_two_threads()
    {
        var random = new Random(5);
        var m = Enumerable.Range(0, 70_001 * 6).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] Run(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try { var acc = new float[6]; ColumnSums.AddInto<float>(m, 6, acc); return acc; }
            finally { Gemm.MaxThreads = saved; }
        }
        Assert.Equal(Run(1), Run(2));
    }
}
