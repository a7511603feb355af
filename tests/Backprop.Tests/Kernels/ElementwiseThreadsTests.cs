using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>Spans past <see cref="Elementwise.ParallelElements"/> run in parts on the kernel threads; every element is
/// computed alone, so the result must be the same bits as one thread's, including the parts' edges and the tail.</summary>
public class ElementwiseThreadsTests
{
    [Fact]
    public void A_long_unary_and_binary_pass_on_two_threads_equals_one_thread()
    {
        int n = Elementwise.ParallelElements * 2 + 37;
        var random = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        (float[] Unary, float[] Binary) Run(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try
            {
                var (u, b) = (new float[n], new float[n]);
                Elementwise.Unary<float, SigmoidOperator<float>>(x, u);
                Elementwise.Binary<float, MultiplyOperator<float>>(x, y, b);
                return (u, b);
            }
            finally { Gemm.MaxThreads = saved; }
        }
        var (one, two) = (Run(1), Run(2));
        Assert.Equal(one.Unary, two.Unary);
        Assert.Equal(one.Binary, two.Binary);
        Assert.Equal(1 / (1 + MathF.Exp(-x[n - 1])), one.Unary[n - 1], 1e-6f);
        Assert.Equal(x[n / 2] * y[n / 2], two.Binary[n / 2]);
    }
}
