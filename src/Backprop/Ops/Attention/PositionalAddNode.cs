using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Attention;

/// <summary>Adds a vector per position: y[n, t, :] = x[n, t, :] + P[t, :] for x (m, T, d) and a table P (T_max, d) with
/// T ≤ T_max (a learned positional embedding, or a fixed sinusoidal encoding). Backward: dx = dy, dP[t, :] = Σₙ dy[n, t, :]
/// for t &lt; T (rows of P beyond T get 0).</summary>
public sealed class PositionalAddNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();

    public PositionalAddNode() : base(2) { }

    /// <summary>y = x + P[:T] broadcast over the batch.</summary>
    public Tensor<T> Forward(Tensor<T> x, Tensor<T> table)
    {
        if (x.Rank != 3 || table.Rank != 2 || x.Dim(2) != table.Dim(1) || x.Dim(1) > table.Dim(0))
            throw new ArgumentException($"Adding positions from a table {ShapeMath.Format(table.Shape)} needs inputs (m, T, {(table.Rank == 2 ? table.Dim(1) : 0)}) with T ≤ {(table.Rank == 2 ? table.Dim(0) : 0)}; got {ShapeMath.Format(x.Shape)}.");
        (Inputs[0], Inputs[1]) = (x, table);
        var y = _output.Like(x);
        int block = x.Dim(1) * x.Dim(2);
        ReadOnlySpan<T> xs = x.AsReadOnlySpan(), ps = table.AsReadOnlySpan()[..block];
        var ys = y.AsSpan();
        for (int i = 0; i < xs.Length; i += block)
            Elementwise.Binary<T, AddOperator<T>>(xs.Slice(i, block), ps, ys.Slice(i, block));
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var (x, table) = (Inputs[0]!, Inputs[1]!);
        var g = dy.AsReadOnlySpan();
        if (Graph.GradientTarget(x, out bool addX) is { } dx)
        {
            if (addX) Reductions.AddInto(g, dx.AsSpan());
            else g.CopyTo(dx.AsSpan());
        }
        if (Graph.GradientTarget(table, out bool addP) is { } dp)
        {
            int block = x.Dim(1) * x.Dim(2);
            var d = dp.AsSpan();
            if (!addP) d.Clear();
            for (int i = 0; i < g.Length; i += block) Reductions.AddInto(g.Slice(i, block), d[..block]);
        }
    }
}
