using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Convolution;

/// <summary>Z[n, i, j, k] = b[k] + Σ_{p, q, c} A_prev[n, i·s − top + p·d, j·s − left + q·d, c] · W[p, q, c, k] (zero outside
/// the image): the course's conv_forward on channels-last images, weights (f_h, f_w, n_C_prev, n_C). Backward (the course's
/// conv_backward): dW = Σ_(n, i, j) patch ⊗ dZ, db = Σ dZ over (n, i, j), dA_prev = the patches' adjoint of dZ · Wᵀ.
/// <para>Dilation 1 (every layer of the course and the CLI) runs <see cref="DirectConv"/>: straight from a zero-padded
/// copy of the input, kept from forward to backward, with no im2col matrix. Other dilations run im2col + one GEMM per
/// chunk of output pixels, Z = cols · W, with dW = colsᵀ · dZ and dA_prev = col2im(dZ · Wᵀ), the cols rebuilt chunk by
/// chunk in backward; a 1 × 1 stride-1 kernel is one GEMM on the images themselves. All buffers are reused from step to
/// step.</para></summary>
public sealed class Conv2DNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The largest im2col chunk, in elements (1 MiB of floats): big enough for the GEMM, small enough for L2.</summary>
    private const int ChunkElements = 1 << 18;

    private readonly TensorBuffer<T> _output = new(), _cols = new(), _dcols = new();
    private readonly DirectConvBuffers<T> _direct = new();
    private ConvGeometry _g;
    private DirectConvLayout? _layout;

    public Conv2DNode() : base(3) { }

    /// <summary>Z = conv(x, W) + b into this node's reused output buffer. <paramref name="bias"/> may be null.</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> weight, Tensor<T>? bias, WindowSpec spec)
    {
        if (weight.Rank != 4)
            throw new ArgumentException($"A convolution needs weights (f_h, f_w, n_C_prev, n_C); got {ShapeMath.Format(weight.Shape)}.");
        var kernel = new Size2D(weight.Dim(0), weight.Dim(1));
        var g = (spec with { Kernel = kernel }).Geometry(x, "Conv2D");
        if (x.Dim(3) != weight.Dim(2))
            throw new ArgumentException($"A convolution with weights {ShapeMath.Format(weight.Shape)} expects {weight.Dim(2)} input channels; got images {ShapeMath.Format(x.Shape)}.");
        int filters = weight.Dim(3);
        if (bias is not null && (bias.Rank != 1 || bias.Length != filters))
            throw new ArgumentException($"The bias must have {filters} entries; got {ShapeMath.Format(bias.Shape)}.");
        (Inputs[0], Inputs[1], Inputs[2], _g) = (x, weight, bias, g);
        var z = _output.Get(g.Batch, g.OutHeight, g.OutWidth, filters);
        var zs = z.AsSpan();
        var xs = x.AsReadOnlySpan();
        var ws = weight.AsReadOnlySpan();
        int k = g.PatchLength;
        _layout = null;
        if (IsPointwise(g))
            Gemm.Multiply(false, false, g.OutPixels, filters, k, T.One, xs, k, ws, filters, T.Zero, zs, filters);
        else if (DirectConv.Supports(g))
        {
            var layout = DirectConv.Layout<T>(g, filters);
            _layout = layout;
            DirectConv.Forward(layout, xs, ws, bias is null ? default : bias.AsReadOnlySpan(),
                _direct.Padded(layout.PaddedLength), _direct.Packed(layout.PackedWeightLength), _direct.PackedBias(layout.FilterLanes), zs);
            return Graph.Record(z, this);
        }
        else
        {
            int chunk = ChunkRows(g);
            var cols = _cols.Get(chunk, k).AsSpan();
            for (int start = 0; start < g.OutPixels; start += chunk)
            {
                int rows = Math.Min(chunk, g.OutPixels - start);
                var c = cols[..(rows * k)];
                Im2Col.Fill(g, xs, c, start);
                Gemm.Multiply(false, false, rows, filters, k, T.One, c, k, ws, filters, T.Zero, zs.Slice(start * filters, rows * filters), filters);
            }
        }
        if (bias is not null)
        {
            var b = bias.AsReadOnlySpan();
            for (int i = 0; i < zs.Length; i += filters) Reductions.AddInto(b, zs.Slice(i, filters));
        }
        return Graph.Record(z, this);
    }

    public override void Backward(Tensor<T> dz)
    {
        var (x, weight, bias) = (Inputs[0]!, Inputs[1]!, Inputs[2]);
        var g = _g;
        int filters = weight.Dim(3), k = g.PatchLength;
        var dzs = dz.AsReadOnlySpan();
        if (bias is not null && Graph.GradientTarget(bias, out bool addB) is { } db)
        {
            var acc = db.AsSpan();
            if (!addB) acc.Clear();
            ColumnSums.AddInto(dzs, filters, acc);
        }
        var dw = Graph.GradientTarget(weight, out bool addW);
        var dx = Graph.GradientTarget(x, out bool addX);
        var xs = x.AsReadOnlySpan();
        var ws = weight.AsReadOnlySpan();
        if (_layout is { } layout)
        {
            if (dw is not null)
                DirectConv.WeightGradient(layout, _direct.Padded(layout.PaddedLength), dzs,
                    layout.FilterLanes == filters ? default : _direct.PaddedDz((long)g.OutHeight * g.OutWidth * layout.FilterLanes),
                    _direct.Partials((long)DirectConv.Parts(g) * layout.PackedWeightLength), dw.AsSpan(), addW);
            if (dx is null) return;
            if (DirectConv.TransposedLayout<T>(g, filters) is { } t)
                DirectConv.InputGradientTransposed(t, dzs, ws, _direct.Flipped(weight.Length), _direct.PaddedDx(t.PaddedLength),
                    _direct.Transposed(t.PackedWeightLength), _direct.TransposedBias(t.FilterLanes), addX ? _direct.Sum(x.Length) : default, dx.AsSpan(), addX);
            else
            {
                var pixels = DirectConv.PixelLayout<T>(g, filters);
                DirectConv.InputGradient(pixels, dzs, ws, _direct.Transposed(pixels.TransposedWeightLength), _direct.PaddedDx(pixels.PaddedLength),
                    dx.AsSpan(), addX);
            }
            return;
        }
        if (IsPointwise(g))
        {
            if (dw is not null) Gemm.Multiply(true, false, k, filters, g.OutPixels, T.One, xs, k, dzs, filters, addW ? T.One : T.Zero, dw.AsSpan(), filters);
            if (dx is not null) Gemm.Multiply(false, true, g.OutPixels, k, filters, T.One, dzs, filters, ws, filters, addX ? T.One : T.Zero, dx.AsSpan(), k);
            return;
        }
        if (dx is not null && !addX) dx.AsSpan().Clear();
        int chunk = ChunkRows(g);
        var cols = dw is null ? default : _cols.Get(chunk, k).AsSpan();
        var dcols = dx is null ? default : _dcols.Get(chunk, k).AsSpan();
        for (int start = 0; start < g.OutPixels; start += chunk)
        {
            int rows = Math.Min(chunk, g.OutPixels - start);
            var dzChunk = dzs.Slice(start * filters, rows * filters);
            if (dw is not null)
            {
                var c = cols[..(rows * k)];
                Im2Col.Fill(g, xs, c, start);
                var beta = addW || start > 0 ? T.One : T.Zero;
                Gemm.Multiply(true, false, k, filters, rows, T.One, c, k, dzChunk, filters, beta, dw.AsSpan(), filters);
            }
            if (dx is not null)
            {
                var d = dcols[..(rows * k)];
                Gemm.Multiply(false, true, rows, k, filters, T.One, dzChunk, filters, ws, filters, T.Zero, d, k);
                Im2Col.Accumulate(g, d, dx.AsSpan(), start);
            }
        }
    }

    /// <summary>A 1 × 1 kernel with stride 1 and no padding: the images are already the im2col matrix.</summary>
    private static bool IsPointwise(in ConvGeometry g) =>
        g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideHeight == 1 && g.StrideWidth == 1 && g.PadTop == 0 && g.PadLeft == 0
        && g.OutHeight == g.InHeight && g.OutWidth == g.InWidth;

    private static int ChunkRows(in ConvGeometry g) => Math.Clamp(ChunkElements / g.PatchLength, 1, g.OutPixels);
}
