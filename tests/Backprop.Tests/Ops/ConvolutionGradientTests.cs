using Backprop.Autograd;
using Backprop.Ops.Convolution;
using Backprop.Tensors;
using Op = Backprop.Ops.Op;

namespace Backprop.Tests.Ops;

/// <summary>difference = ‖grad − approx‖ / (‖grad‖ + ‖approx‖) &lt; 1e-7 in float64 (the course's threshold), by central
/// differences, for every convolution and pooling op and every option: stride, valid/same/explicit and asymmetric padding,
/// dilation, non-square kernels, ceil mode.</summary>
public class ConvolutionGradientTests
{
    private const double Threshold = 1e-7;

    public static TheoryData<string, int[], int[], int, int, string, int> Convolutions => new()
    {
        { "3x3 valid", [2, 6, 5, 3], [3, 3, 3, 4], 1, 1, "valid", 1 },
        { "3x3 same", [2, 5, 5, 2], [3, 3, 2, 3], 1, 1, "same", 1 },
        { "4x4 same, stride 2 (asymmetric)", [1, 7, 6, 2], [4, 4, 2, 3], 2, 2, "same", 1 },
        { "2x2 same, even kernel", [2, 4, 4, 2], [2, 2, 2, 2], 1, 1, "same", 1 },
        { "3x3 stride 2 explicit 1", [2, 7, 7, 2], [3, 3, 2, 2], 2, 2, "1", 1 },
        { "2x3 stride 2x1 padding 1,0", [1, 6, 7, 3], [2, 3, 3, 2], 2, 1, "1,0", 1 },
        { "asymmetric explicit padding", [1, 5, 5, 2], [3, 3, 2, 2], 1, 1, "0,2,1,0", 1 },
        { "dilation 2", [1, 7, 7, 2], [3, 3, 2, 2], 1, 1, "2", 2 },
        { "1x1 pointwise", [2, 3, 4, 3], [1, 1, 3, 2], 1, 1, "valid", 1 },
        { "5x5 same (LeNet)", [1, 6, 6, 1], [5, 5, 1, 3], 1, 1, "same", 1 },
    };

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv2D_gradients_of_x_W_and_b_pass_the_gradient_check(string name, int[] x, int[] w, int strideH, int strideW, string padding, int dilation)
    {
        var inputs = Random(1, x, w, [w[3]]);
        var d = GradientCheck.RelativeDifference(t => Op.Conv2D(t[0], t[1], t[2], (strideH, strideW), Padding2D.Parse(padding), dilation), inputs);
        Assert.True(d < Threshold, $"{name}: difference {d:E2}");
    }

    [Fact]
    public void Conv2D_without_a_bias_passes_the_gradient_check()
    {
        var inputs = Random(2, [2, 5, 5, 2], [3, 3, 2, 3]);
        Assert.InRange(GradientCheck.RelativeDifference(t => Op.Conv2D(t[0], t[1], null, 2, Padding2D.Same), inputs), 0, Threshold);
    }

    [Fact]
    public void Conv2D_on_a_batch_larger_than_one_im2col_chunk_gives_each_image_the_gradients_it_gets_alone()
    {
        // 2 × 40 × 40 output pixels × 147 patch values > one 2^18-element chunk, and one image alone fits in one.
        var t = Random(3, [2, 40, 40, 3], [7, 7, 3, 2], [2]);
        var r = Random(4, [2, 40, 40, 2])[0];
        var (x, w, b) = (t[0], t[1], t[2]);
        x.RequiresGrad = w.RequiresGrad = b.RequiresGrad = true;
        Op.Conv2D(x, w, b, 1, Padding2D.Same).Backward(r);
        var (dx, dw, db) = (x.Grad!.Clone(), w.Grad!.Clone(), b.Grad!.Clone());
        var sumW = Tensor<double>.Zeros(7, 7, 3, 2);
        var sumB = Tensor<double>.Zeros(2);
        for (int n = 0; n < 2; n++)
        {
            var xi = x.Rows(n, 1).Clone();
            xi.RequiresGrad = true;
            w.Grad = null;
            b.Grad = null;
            Op.Conv2D(xi, w, b, 1, Padding2D.Same).Backward(r.Rows(n, 1).Clone());
            Assert.Equal(dx.Rows(n, 1).ToArray(), xi.Grad!.ToArray(), (p, q) => Math.Abs(p - q) < 1e-12);
            sumW.AddInPlace(w.Grad!);
            sumB.AddInPlace(b.Grad!);
        }
        Assert.Equal(dw.ToArray(), sumW.ToArray(), (p, q) => Math.Abs(p - q) < 1e-10);
        Assert.Equal(db.ToArray(), sumB.ToArray(), (p, q) => Math.Abs(p - q) < 1e-10);
    }

    public static TheoryData<string, int[], int, int, string, bool> Pools => new()
    {
        { "2x2 stride 2", [2, 6, 6, 3], 2, 2, "valid", false },
        { "3x3 stride 1", [1, 5, 6, 2], 3, 1, "valid", false },
        { "3x3 stride 2 padding 1", [1, 7, 7, 2], 3, 2, "1", false },
        { "odd size, floor", [1, 7, 5, 2], 2, 2, "valid", false },
        { "3x3 stride 2 ceil", [1, 8, 8, 2], 3, 2, "valid", true },
        { "8x8 stride 8 same (SIGNS)", [1, 12, 10, 2], 8, 8, "same", false },
        { "4x4 stride 4 same (SIGNS)", [1, 5, 6, 2], 4, 4, "same", false },
    };

    [Theory]
    [MemberData(nameof(Pools))]
    public void MaxPool2D_passes_the_gradient_check(string name, int[] x, int kernel, int stride, string padding, bool ceil)
    {
        var d = GradientCheck.RelativeDifference(t => Op.MaxPool2D(t[0], kernel, stride, Padding2D.Parse(padding), ceil), Random(4, x));
        Assert.True(d < Threshold, $"{name}: difference {d:E2}");
    }

    [Theory]
    [MemberData(nameof(Pools))]
    public void AvgPool2D_passes_the_gradient_check(string name, int[] x, int kernel, int stride, string padding, bool ceil)
    {
        var d = GradientCheck.RelativeDifference(t => Op.AvgPool2D(t[0], kernel, stride, Padding2D.Parse(padding), ceil), Random(5, x));
        Assert.True(d < Threshold, $"{name}: difference {d:E2}");
    }

    [Fact]
    public void GlobalAvgPool2D_ZeroPad2D_and_Flatten_pass_the_gradient_check()
    {
        Assert.InRange(GradientCheck.RelativeDifference(t => Op.GlobalAvgPool2D(t[0]), Random(6, [2, 3, 4, 3])), 0, Threshold);
        Assert.InRange(GradientCheck.RelativeDifference(t => Op.ZeroPad2D(t[0], 2), Random(7, [2, 3, 4, 3])), 0, Threshold);
        Assert.InRange(GradientCheck.RelativeDifference(t => Op.Flatten(t[0]), Random(8, [2, 3, 4, 3])), 0, Threshold);
    }

    [Fact]
    public void Same_padding_keeps_ceil_of_size_over_stride_with_the_odd_row_after()
    {
        var x = Tensor<double>.Zeros(1, 7, 6, 1);
        var y = Op.Conv2D(x, Tensor<double>.Zeros(4, 4, 1, 1), null, 2, Padding2D.Same);
        Assert.Equal([1, 4, 3, 1], y.Shape.ToArray());
        Assert.Equal((1, 2, 1, 1), Padding2D.Same.Resolve(7, 6, 4, 2, 1)); // rows: (4 − 1)·2 + 4 − 7 = 3 → 1 above, 2 below
    }

    [Fact]
    public void A_window_larger_than_the_image_is_one_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Op.MaxPool2D(Tensor<double>.Zeros(1, 2, 2, 1), 3));
        Assert.Contains("needs images of at least its window", e.Message);
        var rank = Assert.Throws<ArgumentException>(() => Op.Conv2D(Tensor<double>.Zeros(2, 4), Tensor<double>.Zeros(1, 1, 1, 1), null));
        Assert.Contains("channels-last images", rank.Message);
    }

    private static Tensor<double>[] Random(int seed, params int[][] shapes)
    {
        var random = new Random(seed);
        return shapes.Select(s =>
        {
            var t = Tensor<double>.Zeros(s);
            var span = t.AsSpan();
            for (int i = 0; i < span.Length; i++) span[i] = random.NextDouble() * 2 - 1;
            return t;
        }).ToArray();
    }
}
