using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>y = x with shape (m, d₁, …, d_k), Π d = Π of x's other axes: Flatten ((m, n_H, n_W, n_C) → (m, n_H·n_W·n_C)) and its
/// inverse, in row-major order. Backward: dx = dy with x's shape. The values are copied into a reused buffer, so the
/// op allocates nothing in a steady step.</summary>
public sealed class ReshapeNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private int[] _shape = [];

    public ReshapeNode() : base(1) { }

    /// <summary>x reshaped to (m, <paramref name="exampleShape"/>…), m = x.Dim(0).</summary>
    public Tensor<T> Forward(Tensor<T> x, ReadOnlySpan<int> exampleShape, string op)
    {
        if (x.Rank == 0) throw new ArgumentException($"{op} expects a batch (m, …); got a scalar.");
        int per = 1;
        foreach (int d in exampleShape) per *= d;
        int m = x.Dim(0);
        if ((long)per * m != x.Length)
            throw new ArgumentException($"{op} to ({string.Join(", ", exampleShape.ToArray())}) per example needs {per} values per example; got shape {ShapeMath.Format(x.Shape)}.");
        Inputs[0] = x;
        if (_shape.Length != exampleShape.Length + 1) _shape = new int[exampleShape.Length + 1];
        _shape[0] = m;
        exampleShape.CopyTo(_shape.AsSpan(1));
        var y = _output.Get(_shape);
        x.AsReadOnlySpan().CopyTo(y.AsSpan());
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var x = Inputs[0]!;
        var dx = Graph.GradientTarget(x, out bool accumulate);
        if (dx is null) return;
        if (accumulate) Reductions.AddInto(dy.AsReadOnlySpan(), dx.AsSpan());
        else dy.AsReadOnlySpan().CopyTo(dx.AsSpan());
    }
}
