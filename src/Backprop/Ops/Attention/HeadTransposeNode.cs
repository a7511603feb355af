using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops.Attention;

/// <summary>Swaps axes 1 and 2 of x viewed as (m, a, b, d): y[n, j, i, :] = x[n, i, j, :]. Splitting heads is
/// (m, T, h·d) seen as (m, T, h, d) → (m, h, T, d); merging them is (m, h, T, d) → (m, T, h, d) seen as (m, T, h·d).
/// Backward is the same swap the other way: dx[n, i, j, :] = dy[n, j, i, :]. Rows of d values are copied whole.</summary>
public sealed class HeadTransposeNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new(), _scratch = new();
    private int _a, _b, _d;

    public HeadTransposeNode() : base(1) { }

    /// <summary>(m, T, h·d) → (m, h, T, d).</summary>
    public Tensor<T> Split(Tensor<T> x, int heads)
    {
        if (x.Rank != 3 || heads <= 0 || x.Dim(2) % heads != 0)
            throw new ArgumentException($"Splitting {heads} heads needs (m, T, h·d) with a last axis divisible by {heads}; got {ShapeMath.Format(x.Shape)}.");
        int m = x.Dim(0), steps = x.Dim(1), width = x.Dim(2) / heads;
        return Swap(x, steps, heads, width, _output.Get(m, heads, steps, width));
    }

    /// <summary>(m, h, T, d) → (m, T, h·d).</summary>
    public Tensor<T> Merge(Tensor<T> x)
    {
        if (x.Rank != 4) throw new ArgumentException($"Merging heads needs (m, h, T, d); got {ShapeMath.Format(x.Shape)}.");
        int m = x.Dim(0), heads = x.Dim(1), steps = x.Dim(2), width = x.Dim(3);
        return Swap(x, heads, steps, width, _output.Get(m, steps, heads * width));
    }

    private Tensor<T> Swap(Tensor<T> x, int a, int b, int d, Tensor<T> y)
    {
        (Inputs[0], _a, _b, _d) = (x, a, b, d);
        Copy(x.AsReadOnlySpan(), y.AsSpan(), a, b, d);
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dxTarget = Graph.GradientTarget(x, out bool accumulate);
        if (dxTarget is null) return;
        var dx = accumulate ? _scratch.Like(x) : dxTarget;
        Copy(dy.AsReadOnlySpan(), dx.AsSpan(), _b, _a, _d);
        if (accumulate) dxTarget.AddInPlace(dx);
    }

    /// <summary>to[n, j, i, :] = from[n, i, j, :] for from viewed as (m, a, b, d).</summary>
    private static void Copy(ReadOnlySpan<T> from, Span<T> to, int a, int b, int d)
    {
        int block = a * b * d;
        if (block == 0) return;
        for (int n = 0; n < from.Length / block; n++)
            for (int i = 0; i < a; i++)
                for (int j = 0; j < b; j++)
                    from.Slice(n * block + (i * b + j) * d, d).CopyTo(to.Slice(n * block + (j * a + i) * d, d));
    }
}
