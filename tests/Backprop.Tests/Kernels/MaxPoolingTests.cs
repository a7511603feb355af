using Backprop.Kernels;
using Backprop.Ops.Convolution;

namespace Backprop.Tests.Kernels;

/// <summary><see cref="MaxPooling"/> against the rule it states — the first maximal tap in row-major order wins, NaN beats
/// any number — for channel counts below, at and past a vector at every width (1, 6, 13, 37), windows that overlap and
/// windows cut by padding, on values with ties (a few levels only) and a NaN.</summary>
public class MaxPoolingTests
{
    [Theory]
    [InlineData(1, 2, 2, "valid")]
    [InlineData(6, 2, 2, "valid")]
    [InlineData(13, 3, 2, "same")]
    [InlineData(37, 3, 1, "1")]
    public void Values_and_argmax_follow_the_first_maximum_rule(int channels, int kernel, int stride, string padding)
    {
        var random = new Random(channels);
        int m = 3, h = 7, w = 6;
        var x = new float[m * h * w * channels];
        for (int i = 0; i < x.Length; i++) x[i] = random.Next(4);          // ties everywhere
        x[5] = float.NaN;
        var g = new WindowSpec(new Size2D(kernel, kernel), new Size2D(stride, stride), new Size2D(1, 1), Padding2D.Parse(padding)).Geometry(m, h, w, channels, "test");
        int outputs = g.OutPixels * channels;
        var y = new float[outputs];
        var at = new int[outputs];
        MaxPooling.Forward<float>(g, x, y, at);
        for (int n = 0; n < m; n++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++)
                    for (int c = 0; c < channels; c++)
                    {
                        int o = ((n * g.OutHeight + i) * g.OutWidth + j) * channels + c, expected = -1;
                        for (int p = 0; p < kernel; p++)
                            for (int q = 0; q < kernel; q++)
                            {
                                int ih = i * stride - g.PadTop + p, iw = j * stride - g.PadLeft + q;
                                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                int index = ((n * h + ih) * w + iw) * channels + c;
                                if (expected < 0 || x[index] > x[expected] || (float.IsNaN(x[index]) && !float.IsNaN(x[expected]))) expected = index;
                            }
                        Assert.Equal(expected, at[o]);
                        Assert.Equal(BitConverter.SingleToInt32Bits(x[expected]), BitConverter.SingleToInt32Bits(y[o]));
                    }
        var dy = Enumerable.Range(0, outputs).Select(i => (float)(1 + i)).ToArray();
        var dx = new float[x.Length];
        MaxPooling.Backward<float>(g, dy, at, dx);
        var expectedDx = new float[x.Length];
        for (int o = 0; o < outputs; o++) expectedDx[at[o]] += dy[o];
        Assert.Equal(expectedDx, dx);
        var stale = Enumerable.Repeat(9f, x.Length).ToArray();
        MaxPooling.Backward<float>(g, dy, at, stale, overwrite: true);
        Assert.Equal(expectedDx, stale);
    }
}
