using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>Softmax.Rows and LogRows: rows sum to one, the naive formula on moderate inputs, and stability at ±1000.</summary>
public class SoftmaxTests
{
    private static double[] Draw(int length, int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    private static readonly (int Rows, int Cols)[] Shapes = [(1, 1), (3, 4), (2, 7), (5, 8), (4, 17), (2, 33), (3, 64), (2, 257), (0, 5), (3, 0)];

    [Fact]
    public void Every_row_sums_to_one_in_float_and_double()
    {
        foreach (var (rows, cols) in Shapes)
        {
            var x = Draw(rows * cols, cols, scale: 20);
            var d = new double[x.Length];
            Softmax.Rows<double>(x, d, rows, cols);
            var xf = x.Select(v => (float)v).ToArray();
            var f = new float[x.Length];
            Softmax.Rows<float>(xf, f, rows, cols);
            for (int r = 0; r < rows && cols > 0; r++)
            {
                Assert.Equal(1.0, d.AsSpan(r * cols, cols).ToArray().Sum(), 1e-14);
                Assert.Equal(1.0, f.AsSpan(r * cols, cols).ToArray().Sum(v => (double)v), 1e-5);
                Assert.All(d.AsSpan(r * cols, cols).ToArray(), p => Assert.InRange(p, 0.0, 1.0));
            }
        }
    }

    [Fact]
    public void Rows_and_LogRows_match_the_naive_formula_on_moderate_inputs()
    {
        foreach (var (rows, cols) in Shapes)
        {
            var x = Draw(rows * cols, 100 + cols, scale: 5);
            var p = new double[x.Length];
            var logP = new double[x.Length];
            var pf = new float[x.Length];
            Softmax.Rows<double>(x, p, rows, cols);
            Softmax.LogRows<double>(x, logP, rows, cols);
            Softmax.Rows<float>(x.Select(v => (float)v).ToArray(), pf, rows, cols);
            for (int r = 0; r < rows; r++)
            {
                var row = x.AsSpan(r * cols, cols).ToArray();
                double total = row.Sum(Math.Exp);
                for (int j = 0; j < cols; j++)
                {
                    double naive = Math.Exp(row[j]) / total;
                    int k = r * cols + j;
                    Assert.Equal(naive, p[k], naive * 1e-13);
                    Assert.Equal(Math.Log(naive), logP[k], 1e-13 * Math.Max(1, Math.Abs(Math.Log(naive))));
                    Assert.Equal(naive, pf[k], naive * 1e-5);
                }
            }
        }
    }

    [Fact]
    public void Large_and_very_negative_inputs_neither_overflow_nor_give_NaN()
    {
        var p = new double[3];
        Softmax.Rows<double>([1000, 1000, 1000], p, 1, 3);
        Assert.All(p, v => Assert.Equal(1.0 / 3, v, 1e-15));
        Softmax.Rows<double>([-1000, -1000, -1000], p, 1, 3);
        Assert.All(p, v => Assert.Equal(1.0 / 3, v, 1e-15));
        Softmax.Rows<double>([1000, 0, -1000], p, 1, 3);
        Assert.Equal([1.0, 0.0, 0.0], p);

        var f = new float[2];
        Softmax.Rows<float>([1000f, 999f], f, 1, 2);
        Assert.Equal(1 / (1 + Math.Exp(-1)), f[0], 1e-6);
        Assert.Equal(1 / (1 + Math.Exp(1)), f[1], 1e-6);

        var logP = new double[3];
        Softmax.LogRows<double>([1000, 0, -1000], logP, 1, 3);
        Assert.Equal([0.0, -1000.0, -2000.0], logP);
        Softmax.LogRows<double>([-1000, -1000, 5], logP, 1, 3);
        Assert.Equal(-1005.0, logP[0], 1e-12);
        Assert.Equal(0.0, logP[2], 1e-15);
        Softmax.LogRows<double>([1000, 1000, 1000], logP, 1, 3);
        Assert.All(logP, v => Assert.Equal(-Math.Log(3), v, 1e-15));
        var logF = new float[2];
        Softmax.LogRows<float>([-1000f, -1000f], logF, 1, 2);
        Assert.All(logF, v => Assert.Equal(-Math.Log(2), v, 1e-6));
    }

    [Fact]
    public void Minus_infinity_gets_probability_zero()
    {
        var p = new double[3];
        Softmax.Rows<double>([double.NegativeInfinity, 0, 0], p, 1, 3);
        Assert.Equal([0.0, 0.5, 0.5], p);
        Softmax.LogRows<double>([double.NegativeInfinity, 0, 0], p, 1, 3);
        Assert.Equal(double.NegativeInfinity, p[0]);
        Assert.Equal(-Math.Log(2), p[1], 1e-15);
    }

    [Fact]
    public void Each_row_is_normalised_on_its_own()
    {
        double[] x = [1, 2, 3, 1001, 1002, 1003];
        var p = new double[6];
        Softmax.Rows<double>(x, p, 2, 3);
        for (int j = 0; j < 3; j++) Assert.Equal(p[j], p[j + 3], 1e-15);
    }

    [Fact]
    public void Writing_the_result_over_the_input_gives_the_same_numbers()
    {
        var x = Draw(4 * 37, 7, scale: 10);
        var separate = new double[x.Length];
        Softmax.Rows<double>(x, separate, 4, 37);
        var shared = (double[])x.Clone();
        Softmax.Rows<double>(shared, shared, 4, 37);
        Assert.Equal(separate, shared);

        Softmax.LogRows<double>(x, separate, 4, 37);
        shared = (double[])x.Clone();
        Softmax.LogRows<double>(shared, shared, 4, 37);
        Assert.Equal(separate, shared);
    }

    [Fact]
    public void Elements_past_rows_times_cols_are_left_alone()
    {
        var x = Draw(2 * 20 + 1, 3, scale: 3);
        var dst = new double[2 * 20 + 1];
        dst[^1] = -777.25;
        Softmax.Rows<double>(x, dst, 2, 20);
        Assert.Equal(-777.25, dst[^1]);
        Softmax.LogRows<double>(x, dst, 2, 20);
        Assert.Equal(-777.25, dst[^1]);
    }

    [Fact]
    public void A_buffer_too_small_for_the_shape_is_rejected_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Softmax.Rows<double>(new double[5], new double[6], 2, 3));
        Assert.Contains("2×3", error.Message);
        Assert.Throws<ArgumentException>(() => Softmax.LogRows<double>(new double[6], new double[5], 2, 3));
        Assert.Throws<ArgumentException>(() => Softmax.Rows<double>(new double[6], new double[6], -1, 3));
    }
}
