using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>The fused dense op Z = X·Wᵀ + b over the last axis of X (the course's Z = W·A_prev + b, batch-first), for X of
/// any rank: leading axes are rows, so (m, T, n_x) inputs get a time-distributed layer for free. W is (n_out, n_in) as in
/// the course and b has n_out entries. Backward (the course's linear_backward, with the 1/m already in dZ):
/// dW = dZᵀ·X, db = Σ_rows dZ, dX = dZ·W — three GEMM calls whose transpose flags replace every transpose.</summary>
public sealed class LinearNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();

    public LinearNode() : base(3) { }

    /// <summary>Z = X·Wᵀ + b into this node's reused output buffer. <paramref name="bias"/> may be null (no bias).</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> weight, Tensor<T>? bias)
    {
        if (weight.Rank != 2) throw new ArgumentException($"A linear op needs a weight matrix (n_out, n_in); got {ShapeMath.Format(weight.Shape)}.");
        int outputs = weight.Dim(0), inputs = weight.Dim(1);
        if (x.Rank == 0 || x.Dim(-1) != inputs)
            throw new ArgumentException($"A dense layer with W {ShapeMath.Format(weight.Shape)} expects inputs whose last axis is {inputs}; got {ShapeMath.Format(x.Shape)}.");
        if (bias is not null && (bias.Rank != 1 || bias.Length != outputs))
            throw new ArgumentException($"The bias must have {outputs} entries; got {ShapeMath.Format(bias.Shape)}.");
        (Inputs[0], Inputs[1], Inputs[2]) = (x, weight, bias);
        Span<int> shape = stackalloc int[x.Rank];
        x.Shape.CopyTo(shape);
        shape[^1] = outputs;
        var z = _output.Get(shape);
        int rows = x.Length / Math.Max(inputs, 1);
        if (inputs == 0) z.Fill(T.Zero);
        else Gemm.Multiply(false, true, rows, outputs, inputs, T.One, x.AsReadOnlySpan(), inputs, weight.AsReadOnlySpan(), inputs, T.Zero, z.AsSpan(), outputs);
        if (bias is not null) AddToRows(z.AsSpan(), bias.AsReadOnlySpan());
        return Graph.Record(z, this);
    }

    public override void Backward(Tensor<T> dz)
    {
        var (x, weight, bias) = (Inputs[0]!, Inputs[1]!, Inputs[2]);
        int outputs = weight.Dim(0), inputs = weight.Dim(1), rows = dz.Length / outputs;
        var dzs = dz.AsReadOnlySpan();
        if (Graph.GradientTarget(weight, out bool addW) is { } dw)
            Gemm.Multiply(true, false, outputs, inputs, rows, T.One, dzs, outputs, x.AsReadOnlySpan(), inputs, addW ? T.One : T.Zero, dw.AsSpan(), inputs);
        if (bias is not null && Graph.GradientTarget(bias, out bool addB) is { } db)
        {
            var acc = db.AsSpan();
            if (!addB) acc.Clear();
            for (int i = 0; i < dzs.Length; i += outputs) Reductions.AddInto(dzs.Slice(i, outputs), acc);
        }
        if (Graph.GradientTarget(x, out bool addX) is { } dx)
            Gemm.Multiply(false, false, rows, inputs, outputs, T.One, dzs, outputs, weight.AsReadOnlySpan(), inputs, addX ? T.One : T.Zero, dx.AsSpan(), inputs);
    }

    /// <summary>Z[i, :] += b for every row i (the broadcast of b across examples).</summary>
    private static void AddToRows(Span<T> z, ReadOnlySpan<T> bias)
    {
        int n = bias.Length;
        for (int i = 0; i < z.Length; i += n)
            Elementwise.Binary<T, AddOperator<T>>(z.Slice(i, n), bias, z.Slice(i, n));
    }
}
