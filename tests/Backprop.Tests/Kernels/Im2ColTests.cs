using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>Im2Col.Fill against the definition cols[(n, i, j), (p, q, c)] = x[n, i·s_h − top + p·d_h, j·s_w − left + q·d_w, c]
/// (0 outside), element by element, for strides, dilations, paddings and channel counts, filled whole and in pieces that
/// start and end inside output rows (as the convolution's chunks do).</summary>
public class Im2ColTests
{
    public static TheoryData<int, int, int, int, int, int, int> Geometries() => new()
    {
        // channels, kernel h, kernel w, stride, dilation, pad top, pad left
        { 1, 5, 5, 1, 1, 2, 2 },   // LeNet's first layer
        { 6, 5, 5, 1, 1, 0, 0 },   // LeNet's second
        { 3, 4, 4, 1, 1, 1, 2 },   // SIGNS, "same"
        { 2, 3, 3, 2, 1, 1, 1 },
        { 3, 3, 2, 3, 2, 2, 3 },
        { 1, 7, 7, 2, 1, 3, 3 },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Fill_matches_the_definition_whole_and_in_pieces(int channels, int fh, int fw, int stride, int dilation, int top, int left)
        => Check(channels, fh, fw, stride, dilation, top, left, batch: 2, height: 9, width: 11);

    /// <summary>Over 2¹⁶ elements a fill is split between the kernel threads.</summary>
    [Fact]
    public void Large_fills_split_between_threads_match_the_definition()
        => Check(channels: 3, fh: 5, fw: 5, stride: 1, dilation: 1, top: 2, left: 2, batch: 8, height: 40, width: 40);

    private static void Check(int channels, int fh, int fw, int stride, int dilation, int top, int left, int batch, int height, int width)
    {
        int outH = ConvGeometry.OutputSize(height, fh, stride, dilation, top, top);
        int outW = ConvGeometry.OutputSize(width, fw, stride, dilation, left, left);
        var g = new ConvGeometry(batch, height, width, channels, outH, outW, fh, fw, stride, stride, dilation, dilation, top, left);
        var x = new float[batch * height * width * channels];
        for (int e = 0; e < x.Length; e++) x[e] = e + 1;
        var expected = new float[g.OutPixels * g.PatchLength];
        for (int n = 0; n < batch; n++)
            for (int i = 0; i < outH; i++)
                for (int j = 0; j < outW; j++)
                    for (int p = 0; p < fh; p++)
                        for (int q = 0; q < fw; q++)
                            for (int c = 0; c < channels; c++)
                            {
                                int ih = i * stride - top + p * dilation, iw = j * stride - left + q * dilation;
                                bool inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                                expected[((n * outH + i) * outW + j) * g.PatchLength + (p * fw + q) * channels + c] =
                                    inside ? x[((n * height + ih) * width + iw) * channels + c] : 0;
                            }

        var whole = Enumerable.Repeat(float.NaN, expected.Length).ToArray();
        Im2Col.Fill(g, x, whole);
        Assert.Equal(expected, whole);

        var pieces = Enumerable.Repeat(float.NaN, expected.Length).ToArray();
        int start = 0, size = 1;
        while (start < g.OutPixels)
        {
            int rows = Math.Min(size, g.OutPixels - start);
            Im2Col.Fill(g, x, pieces.AsSpan(start * g.PatchLength, rows * g.PatchLength), start);
            start += rows;
            size = size * 2 + 1;
        }
        Assert.Equal(expected, pieces);
    }
}
