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
}
