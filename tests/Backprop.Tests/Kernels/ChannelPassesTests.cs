using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary><see cref="ChannelPasses"/> against plain loops: the per-column sums Σ (x − μ)² and Σ a·b and the maps
/// x̂ = (x − μ)·s, y = γ·x̂ + β and dx = A·dy + B·x̂ + C, for column counts below, at and past a vector, one whose block
/// lcm(lanes, cols) is too long for the stack (2,053 is prime), row counts that leave a tail, and matrices large
/// enough to be cut into parts — whose sums are the same bits on 1 and 2 threads.</summary>
public class ChannelPassesTests
{
    [Theory]
    [InlineData(7, 3)]
    [InlineData(100, 6)]
    [InlineData(1001, 16)]
    [InlineData(333, 20)]
    [InlineData(65, 64)]
    [InlineData(5, 2053)]
    [InlineData(40_003, 8)]
    [InlineData(2_000, 160)]
    public void Every_pass_equals_its_plain_loop(int rows, int cols)
    {
        var random = new Random(rows + cols);
        double[] Values(int n, double offset = 0) => Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5 + offset).ToArray();
        var (x, b) = (Values(rows * cols, 3), Values(rows * cols));
        var (mean, s, gamma, beta) = (Values(cols, 3), Values(cols, 1), Values(cols), Values(cols));
        var (ka, kb, kc) = (Values(cols), Values(cols), Values(cols));

        var squares = Values(cols);
        var expectedSquares = (double[])squares.Clone();
        ChannelPasses.AddSquaredDeviations<double>(x, cols, mean, squares);
        var products = Values(cols);
        var expectedProducts = (double[])products.Clone();
        ChannelPasses.AddProducts<double>(x, b, cols, products);
        var (xhat, y, dx) = (new double[x.Length], new double[x.Length], new double[x.Length]);
        ChannelPasses.Normalize<double>(x, cols, mean, s, gamma, beta, xhat, y);
        ChannelPasses.Combine<double>(b, xhat, cols, ka, kb, kc, dx);

        for (int i = 0; i < x.Length; i++)
        {
            int c = i % cols;
            expectedSquares[c] += (x[i] - mean[c]) * (x[i] - mean[c]);
            expectedProducts[c] += x[i] * b[i];
            double h = (x[i] - mean[c]) * s[c];
            Assert.Equal(h, xhat[i], 1e-12);
            Assert.Equal(gamma[c] * h + beta[c], y[i], 1e-12);
            Assert.Equal(ka[c] * b[i] + kb[c] * h + kc[c], dx[i], 1e-12);
        }
        for (int c = 0; c < cols; c++)
        {
            Assert.Equal(expectedSquares[c], squares[c], 1e-9 * Math.Max(1, rows));
            Assert.Equal(expectedProducts[c], products[c], 1e-9 * Math.Max(1, rows));
        }
    }

    [Fact]
    public void A_large_matrix_gives_the_same_sums_and_maps_on_one_and_two_threads()
    {
        var random = new Random(5);
        const int rows = 70_001, cols = 16;
        var x = Enumerable.Range(0, rows * cols).Select(_ => (float)random.NextDouble()).ToArray();
        var mean = Enumerable.Range(0, cols).Select(c => 0.5f + c / 100f).ToArray();
        var ones = Enumerable.Repeat(1f, cols).ToArray();
        (float[] Squares, float[] Y) Run(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try
            {
                var squares = new float[cols];
                ChannelPasses.AddSquaredDeviations<float>(x, cols, mean, squares);
                var (xhat, y) = (new float[x.Length], new float[x.Length]);
                ChannelPasses.Normalize<float>(x, cols, mean, ones, ones, mean, xhat, y);
                return (squares, y);
            }
            finally { Gemm.MaxThreads = saved; }
        }
        var (one, two) = (Run(1), Run(2));
        Assert.Equal(one.Squares, two.Squares);
        Assert.Equal(one.Y, two.Y);
    }
}
