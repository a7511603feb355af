namespace Backprop.Kernels;

/// <summary>The buffers of a direct convolution (<see cref="DirectConv"/>) for geometry <see cref="G"/> at
/// <see cref="Lanes"/> elements per vector. The input is copied once into x̃, zero-padded so that every tap is in range:
/// image n, padded row r, column w, channel c at n·ImageStride + r·RowLength + w·n_C + c, with the image at rows
/// top..top+n_H_prev−1 and columns left..left+n_W_prev−1. For dilation 1 the taps of kernel row p of output pixel (i, j)
/// are then one contiguous run of <see cref="Segment"/> = f_w·n_C values starting at (i·s_h + p)·RowLength + j·s_w·n_C —
/// the im2col row without im2col. Weights W (f_h, f_w, n_C_prev, n_C) are read as (f_h·Segment) × F rows padded to
/// <see cref="FilterLanes"/>; their transpose per kernel row as F × Segment rows padded to <see cref="SegmentLanes"/>.</summary>
public readonly record struct DirectConvLayout
{
    /// <summary>Zeros after each padded image: the kernels' last vectors may run up to 4 vectors past a segment.</summary>
    public const int Slack = 64;

    public DirectConvLayout(ConvGeometry g, int filters, int lanes)
    {
        G = g;
        Filters = filters;
        Lanes = lanes;
        PadHeight = Math.Max((g.OutHeight - 1) * g.StrideHeight + g.KernelHeight, g.PadTop + g.InHeight);
        PadWidth = Math.Max((g.OutWidth - 1) * g.StrideWidth + g.KernelWidth, g.PadLeft + g.InWidth);
        RowLength = PadWidth * g.InChannels;
        ImageStride = PadHeight * RowLength + Slack;
        Segment = g.KernelWidth * g.InChannels;
        FilterLanes = RoundUp(filters, lanes);
        SegmentLanes = RoundUp(Segment, 4 * lanes);
    }

    public ConvGeometry G { get; }
    /// <summary>F = n_C, the filters.</summary>
    public int Filters { get; }
    public int Lanes { get; }
    public int PadHeight { get; }
    public int PadWidth { get; }
    /// <summary>PadWidth · n_C_prev: one padded image row.</summary>
    public int RowLength { get; }
    /// <summary>PadHeight · RowLength + <see cref="Slack"/>.</summary>
    public int ImageStride { get; }
    /// <summary>f_w · n_C_prev: the taps of one kernel row.</summary>
    public int Segment { get; }
    /// <summary>F rounded up to whole vectors: the row stride of the packed weights, dW partials and padded dZ.</summary>
    public int FilterLanes { get; }
    /// <summary>Segment rounded up to whole blocks of 4 vectors: the row stride of the transposed weights.</summary>
    public int SegmentLanes { get; }

    /// <summary>m · ImageStride: x̃ and dx̃.</summary>
    public long PaddedLength => (long)G.Batch * ImageStride;

    /// <summary>f_h · Segment · FilterLanes: the packed weights and one dW partial.</summary>
    public int PackedWeightLength => G.KernelHeight * Segment * FilterLanes;

    /// <summary>f_h · F · SegmentLanes: the transposed weights.</summary>
    public int TransposedWeightLength => G.KernelHeight * Filters * SegmentLanes;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
