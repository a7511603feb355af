using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>The vector level the kernels run at, as CI asks for it (.ci/run sets BACKPROP_EXPECT_VECTOR_WIDTH beside the
/// runtime's switches, so a switch the runtime ignores fails here instead of testing the wrong level).</summary>
public class VectorWidthTests
{
    [Fact]
    public void The_kernels_run_at_the_width_CI_asked_for()
    {
        string? expected = Environment.GetEnvironmentVariable("BACKPROP_EXPECT_VECTOR_WIDTH");
        if (string.IsNullOrEmpty(expected)) return;
        Assert.Equal(int.Parse(expected), (int)VectorWidths.Widest);
    }

    [Fact]
    public void Available_widths_run_from_the_widest_down_to_scalar()
    {
        var widths = VectorWidths.Available;
        Assert.Equal(VectorWidths.Widest, widths[0]);
        Assert.Equal(VectorWidth.Scalar, widths[^1]);
        Assert.True(widths.Zip(widths.Skip(1)).All(pair => pair.First > pair.Second));
    }

    [Fact]
    public void A_kernel_takes_the_widest_width_that_pads_no_more_lanes()
    {
        var widest = VectorWidths.Widest;
        // 16 and 32 floats fill every width, and 19 takes the fewest operations there: the widest runs them.
        Assert.Equal(widest, VectorWidths.Fitting<float>(16, 1));
        Assert.Equal(widest, VectorWidths.Fitting<float>(32, 2));
        Assert.Equal(widest, VectorWidths.Fitting<float>(19, 1));
        if (widest == VectorWidth.Scalar) return;
        // 6 filters: one operation at 256 and 512 bits (8 lanes against 16), two at 128.
        Assert.Equal(widest >= VectorWidth.Bits256 ? VectorWidth.Bits256 : VectorWidth.Bits128, VectorWidths.Fitting<float>(6, 1));
        // 30 taps in blocks of 4 vectors: one block at 256 and 512 bits, with 32 lanes against 64.
        Assert.NotEqual(VectorWidth.Bits512, VectorWidths.Fitting<float>(30, 4));
        Assert.Equal(8, VectorWidths.Lanes<float>(VectorWidth.Bits256));
        Assert.Equal(1, VectorWidths.Lanes<double>(VectorWidth.Scalar));
    }
}
