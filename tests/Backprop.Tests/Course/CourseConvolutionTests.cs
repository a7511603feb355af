using Backprop.Course;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Course;

/// <summary>The course's convolution step functions (Course 4, week 1) against its published values, re-derived in
/// course45/COURSE45_REFERENCE.md: same seeds, same randn order, float64.</summary>
public class CourseConvolutionTests
{
    private static Tensor<double> Randn(NumpyRandom r, params int[] shape) => Tensor<double>.RandomNormal(r, shape);

    [Fact]
    public void Conv_forward_gives_the_published_Z_mean_and_Z_0_2_1()
    {
        var r = new NumpyRandom(1);
        var (a, w, b) = (Randn(r, 2, 5, 7, 4), Randn(r, 3, 3, 4, 8), Randn(r, 1, 1, 1, 8));
        var z = CourseConvolution.ConvForward(a, w, b, stride: 2, pad: 1);
        Assert.Equal([2, 3, 4, 8], z.Shape.ToArray());
        Assert.Equal(0.5511276474566768, z.Mean().ToScalar(), 1e-15);
        double[] expected = [-2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428, 10.99288867, 3.03171932];
        for (int c = 0; c < 8; c++) Assert.Equal(expected[c], z[0, 2, 1, c], 8);
    }

    [Fact]
    public void Conv_forward_gives_the_older_notebook_mean_with_pad_1_and_stride_2()
    {
        var r = new NumpyRandom(1);
        var (a, w, b) = (Randn(r, 10, 5, 7, 4), Randn(r, 3, 3, 4, 8), Randn(r, 1, 1, 1, 8));
        Assert.Equal(0.6923608807576933, CourseConvolution.ConvForward(a, w, b, 2, 1).Mean().ToScalar(), 1e-15);
    }

    [Fact]
    public void Conv_single_step_gives_the_published_values_of_the_public_test_and_the_notebook()
    {
        var r = new NumpyRandom(3);
        var (a, w, b) = (Randn(r, 5, 5, 3), Randn(r, 5, 5, 3), Randn(r, 1, 1, 1));
        Assert.Equal(-3.5443670581382474, CourseConvolution.ConvSingleStep(a, w, b), 1e-14);
        r = new NumpyRandom(1);
        (a, w, b) = (Randn(r, 4, 4, 3), Randn(r, 4, 4, 3), Randn(r, 1, 1, 1));
        Assert.Equal(-6.999089450680221, CourseConvolution.ConvSingleStep(a, w, b), 1e-14);
    }

    [Fact]
    public void Zero_pad_gives_the_published_shape_and_rows()
    {
        var r = new NumpyRandom(1);
        var x = Randn(r, 4, 3, 3, 2);
        var padded = CourseConvolution.ZeroPad(x, 3);
        Assert.Equal([4, 9, 9, 2], padded.Shape.ToArray());
        Assert.Equal(0.9008559492644118, x[1, 1, 0, 0], 1e-15);
        Assert.Equal(x[1, 1, 0, 0], padded[1, 4, 3, 0]);
        Assert.Equal(0.0, padded[1, 1, 0, 0]);
    }

    [Fact]
    public void Conv_backward_gives_the_published_dA_dW_and_db_means()
    {
        var r = new NumpyRandom(1);
        var (a, w, b) = (Randn(r, 10, 4, 4, 3), Randn(r, 2, 2, 3, 8), Randn(r, 1, 1, 1, 8));
        var z = CourseConvolution.ConvForward(a, w, b, 2, 2);
        Assert.Equal(0.048995203528855794, z.Mean().ToScalar(), 1e-15);
        var (da, dw, db) = CourseConvolution.ConvBackward(z, a, w, b, 2, 2);
        Assert.Equal([10, 4, 4, 3], da.Shape.ToArray());
        Assert.Equal([1, 1, 1, 8], db.Shape.ToArray());
        Assert.Equal(1.4524377775388075, da.Mean().ToScalar(), 1e-13);
        Assert.Equal(1.7269914583139097, dw.Mean().ToScalar(), 1e-13);
        Assert.Equal(7.839232564616838, db.Mean().ToScalar(), 1e-13);
    }

    [Theory]
    [InlineData("max", new[] { 1.96710175, 0.84616065, 1.27375593, 1.96710175, 0.84616065, 1.23616403, 1.62765075, 1.12141771, 1.2245077 })]
    [InlineData("average", new[] { 0.44497696, -0.00261695, -0.31040307, 0.50811474, -0.23493734, -0.23961183, 0.11872677, 0.17255229, -0.22112197 })]
    public void Pool_forward_with_f_3_and_stride_1_gives_the_published_A_1_1(string mode, double[] expected)
    {
        var a = Randn(new NumpyRandom(1), 2, 5, 5, 3);
        var pooled = CourseConvolution.PoolForward(a, 3, 1, mode);
        Assert.Equal([2, 3, 3, 3], pooled.Shape.ToArray());
        for (int k = 0; k < 9; k++) Assert.Equal(expected[k], pooled[1, 1, k / 3, k % 3], 8);
    }

    [Theory]
    [InlineData("max", new[] { 1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.6924546, 1.65980218, 1.13162939, 1.51981682, 2.18557541, 1.13162939, 1.6924546, 2.18557541 }, 0)]
    [InlineData("average", new[] { -0.17313416, 0.32377198, -0.34317572, 0.02030094, 0.14141479, -0.01231585, 0.42944926, 0.08446996, -0.27290905, 0.15077452, 0.28911175, 0.00123239 }, 1)]
    public void Pool_forward_with_f_3_and_stride_2_gives_the_published_values(string mode, double[] expected, int example)
    {
        var pooled = CourseConvolution.PoolForward(Randn(new NumpyRandom(1), 2, 5, 5, 3), 3, 2, mode);
        Assert.Equal([2, 2, 2, 3], pooled.Shape.ToArray());
        for (int k = 0; k < 12; k++) Assert.Equal(expected[k], pooled[example, k / 6, k / 3 % 2, k % 3], 8);
    }

    [Theory]
    [InlineData("max", new[] { 0.0, 0.0, 5.05844394, -1.68282702, 0.0, 0.0 })]
    [InlineData("average", new[] { 0.08485462, 0.2787552, 1.26461098, -0.25749373, 1.17975636, -0.53624893 })]
    public void Pool_backward_gives_the_published_dA_prev_1_1(string mode, double[] expected)
    {
        var r = new NumpyRandom(1);
        var a = Randn(r, 5, 5, 3, 2);
        var da = Randn(r, 5, 4, 2, 2);
        Assert.Equal(0.145713902729, da.Mean().ToScalar(), 12);
        var daPrev = CourseConvolution.PoolBackward(da, a, 2, 1, mode);
        Assert.Equal([5, 5, 3, 2], daPrev.Shape.ToArray());
        for (int k = 0; k < 6; k++) Assert.Equal(expected[k], daPrev[1, 1, k / 2, k % 2], 8);
    }

    [Fact]
    public void The_mask_and_distributed_value_helpers_match_the_course()
    {
        var x = Randn(new NumpyRandom(1), 2, 3);
        Assert.Equal([true, false, false, false, false, false], CourseConvolution.CreateMaskFromWindow(x));
        Assert.All(CourseConvolution.DistributeValue(2.0, 2, 2).ToArray(), v => Assert.Equal(0.5, v));
    }
}
