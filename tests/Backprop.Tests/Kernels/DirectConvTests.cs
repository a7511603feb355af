using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Ops;
using Backprop.Ops.Convolution;
using Backprop.Tensors;

namespace Backprop.Tests.Kernels;

/// <summary>The direct convolution (<see cref="DirectConv"/>, every dilation-1 Conv2D) against the definition, summed
/// naively in float64: Z, dW, db and dA_prev on shapes that cross each of its block edges — filters past 2 vectors at every
/// width (37), kernel rows of more than 6 taps with a tail (f_w·n_C = 20), batches of more than 8 images (the parts),
/// strides, even kernels and asymmetric padding — and the same bits on 1 and 2 threads in float32.</summary>
public class DirectConvTests
{
    public static TheoryData<string, int[], int[], int, int, string> Shapes => new()
    {
        { "37 filters, 5 channels, 3x3 same, 10 images", [10, 6, 7, 5], [3, 3, 5, 37], 1, 1, "same" },
        { "4x4 stride 2 same, 19 filters", [9, 9, 8, 4], [4, 4, 4, 19], 2, 2, "same" },
        { "2x5 stride 1x2 asymmetric, 1 channel", [3, 8, 11, 1], [2, 5, 1, 6], 1, 2, "0,2,1,0" },
        { "5x5 valid, 6 channels (LeNet's second)", [2, 10, 10, 6], [5, 5, 6, 16], 1, 1, "valid" },
        { "1 filter, 7x1 kernel", [2, 9, 4, 3], [7, 1, 3, 1], 1, 1, "3,0" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_and_gradients_match_the_definition_in_float64(string name, int[] xShape, int[] wShape, int sh, int sw, string padding)
    {
        var (x, w, b, seed) = (Random(1, xShape), Random(2, wShape), Random(3, [wShape[3]]), 0);
        x.RequiresGrad = w.RequiresGrad = b.RequiresGrad = true;
        var z = Op.Conv2D(x, w, b, (sh, sw), Padding2D.Parse(padding));
        var dz = Random(4 + seed, z.Shape.ToArray());
        z.Backward(dz);
        var g = new WindowSpec(new Size2D(wShape[0], wShape[1]), new Size2D(sh, sw), new Size2D(1, 1), Padding2D.Parse(padding)).Geometry(x, "test");
        var (zRef, dxRef, dwRef, dbRef) = Naive(g, x.ToArray(), w.ToArray(), b.ToArray(), dz.ToArray(), wShape[3]);
        Assert.True(Close(zRef, z.ToArray()), $"{name}: Z");
        Assert.True(Close(dwRef, w.Grad!.ToArray()), $"{name}: dW");
        Assert.True(Close(dbRef, b.Grad!.ToArray()), $"{name}: db");
        Assert.True(Close(dxRef, x.Grad!.ToArray()), $"{name}: dA_prev");
    }

    [Theory]
    [InlineData(1, "same")]
    [InlineData(2, "same")]
    public void A_second_use_of_the_input_adds_its_gradient_to_the_first(int stride, string padding)
    {
        // Stride 1 takes the transposed-convolution route for dA_prev, stride 2 the per-pixel one; both must add.
        var (x, w) = (Random(8, [3, 7, 6, 5]), Random(9, [3, 3, 5, 11]));
        x.RequiresGrad = true;
        var once = Op.Conv2D(x, w, null, stride, Padding2D.Parse(padding));
        var seed = Random(10, once.Shape.ToArray());
        once.Backward(seed);
        var single = x.Grad!.ToArray();
        x.Grad = null;
        var twice = Op.Add(Op.Conv2D(x, w, null, stride, Padding2D.Parse(padding)), Op.Conv2D(x, w, null, stride, Padding2D.Parse(padding)));
        twice.Backward(seed);
        Assert.True(Close(single.Select(v => 2 * v).ToArray(), x.Grad!.ToArray()), "2 × the single gradient");
    }

    [Fact]
    public void Float32_results_are_the_same_bits_on_one_and_two_threads()
    {
        float[] Run(int threads)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try
            {
                var x = Random(5, [12, 20, 20, 8]).Cast<float>();
                var w = Random(6, [3, 3, 8, 24]).Cast<float>();
                x.RequiresGrad = w.RequiresGrad = true;
                var z = Op.Conv2D(x, w, null, 1, Padding2D.Same);
                z.Backward(Random(7, z.Shape.ToArray()).Cast<float>());
                return [.. z.ToArray(), .. w.Grad!.ToArray(), .. x.Grad!.ToArray()];
            }
            finally { Gemm.MaxThreads = saved; }
        }
        Assert.Equal(Run(1), Run(2));
    }

    private static (double[] Z, double[] Dx, double[] Dw, double[] Db) Naive(ConvGeometry g, double[] x, double[] w, double[] b, double[] dz, int f)
    {
        var z = new double[g.OutPixels * f];
        var dx = new double[x.Length];
        var dw = new double[w.Length];
        var db = new double[f];
        for (int n = 0; n < g.Batch; n++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++)
                    for (int k = 0; k < f; k++)
                    {
                        int o = ((n * g.OutHeight + i) * g.OutWidth + j) * f + k;
                        double sum = b[k];
                        db[k] += dz[o];
                        for (int p = 0; p < g.KernelHeight; p++)
                            for (int q = 0; q < g.KernelWidth; q++)
                            {
                                int ih = i * g.StrideHeight - g.PadTop + p, iw = j * g.StrideWidth - g.PadLeft + q;
                                if (ih < 0 || ih >= g.InHeight || iw < 0 || iw >= g.InWidth) continue;
                                for (int c = 0; c < g.InChannels; c++)
                                {
                                    int xi = ((n * g.InHeight + ih) * g.InWidth + iw) * g.InChannels + c;
                                    int wi = ((p * g.KernelWidth + q) * g.InChannels + c) * f + k;
                                    sum += x[xi] * w[wi];
                                    dw[wi] += x[xi] * dz[o];
                                    dx[xi] += w[wi] * dz[o];
                                }
                            }
                        z[o] = sum;
                    }
        return (z, dx, dw, db);
    }

    private static bool Close(double[] expected, double[] actual) =>
        expected.Length == actual.Length && expected.Zip(actual).All(e => Math.Abs(e.First - e.Second) <= 1e-12 * (1 + Math.Abs(e.First)));

    private static Tensor<double> Random(int seed, int[] shape)
    {
        var random = new Random(seed);
        var t = Tensor<double>.Zeros(shape);
        var span = t.AsSpan();
        for (int i = 0; i < span.Length; i++) span[i] = random.NextDouble() * 2 - 1;
        return t;
    }
}
