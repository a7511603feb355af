using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>Σ of all elements, as a rank-0 tensor.</summary>
    public Tensor<T> Sum() => Scalar(Reductions.Sum(Plain("x.Sum()", "Op.Sum(x)").AsReadOnlySpan()));

    /// <summary>Mean of all elements, as a rank-0 tensor.</summary>
    public Tensor<T> Mean() => Scalar(Reductions.Sum(Plain("x.Mean()", "Op.Mean(x)").AsReadOnlySpan()) / T.CreateChecked(Length));

    /// <summary>Largest element, as a rank-0 tensor.</summary>
    public Tensor<T> Max() => Length == 0
        ? throw new InvalidOperationException("Max of an empty tensor.")
        : Scalar(Reductions.Max(Plain("x.Max()", "Graph.NoGrad() (max has no recorded form)").AsReadOnlySpan()));

    /// <summary>Σ along <paramref name="axis"/> (NumPy's sum(axis, keepdims)).</summary>
    public Tensor<T> Sum(int axis, bool keepDims = false) => Plain("x.Sum(axis)", "Op.Sum(x, axis)").Reduce(axis, keepDims, max: false);

    /// <summary>Mean along <paramref name="axis"/>.</summary>
    public Tensor<T> Mean(int axis, bool keepDims = false) => Plain("x.Mean(axis)", "Op.Mean(x, axis)").MeanValues(axis, keepDims);

    /// <summary><see cref="Mean(int, bool)"/> without the check for a recorded operand: for the ops that record it.</summary>
    internal Tensor<T> MeanValues(int axis, bool keepDims)
    {
        var s = Reduce(axis, keepDims, max: false);
        T n = T.CreateChecked(Dim(axis));
        Elementwise.BinaryScalarRight<T, DivideOperator<T>>(s.AsReadOnlySpan(), n, s.AsSpan());
        return s;
    }

    /// <summary>max along <paramref name="axis"/>.</summary>
    public Tensor<T> Max(int axis, bool keepDims = false) => Plain("x.Max(axis)", "Graph.NoGrad() (max has no recorded form)").Reduce(axis, keepDims, max: true);

    /// <summary>Index of the largest element of the flattened tensor (first on ties).</summary>
    public int ArgMax() => Length == 0
        ? throw new InvalidOperationException("ArgMax of an empty tensor.")
        : Reductions.ArgMax(AsReadOnlySpan());

    /// <summary>For each position of the other axes, the index of the largest element along <paramref name="axis"/>,
    /// in row-major order of the reduced shape (for a matrix and axis 1: the best column of each row).</summary>
    public int[] ArgMax(int axis)
    {
        int a = ShapeMath.NormalizeAxis(axis, Rank);
        var (outer, len, inner) = Split(a);
        if (len == 0) throw new InvalidOperationException($"ArgMax along an empty axis {a} of shape {ShapeMath.Format(_shape)}.");
        var result = new int[outer * inner];
        var s = AsReadOnlySpan();
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++) result[o] = Reductions.ArgMax(s.Slice(o * len, len));
            return result;
        }
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bestValue = s[o * len * inner + i];
                for (int l = 1; l < len; l++)
                {
                    T v = s[(o * len + l) * inner + i];
                    if (v > bestValue || (T.IsNaN(v) && !T.IsNaN(bestValue))) { best = l; bestValue = v; }
                }
                result[o * inner + i] = best;
            }
        return result;
    }

    private (int Outer, int Length, int Inner) Split(int axis)
    {
        int outer = 1, inner = 1;
        for (int k = 0; k < axis; k++) outer *= _shape[k];
        for (int k = axis + 1; k < Rank; k++) inner *= _shape[k];
        return (outer, _shape[axis], inner);
    }

    internal Tensor<T> Reduce(int axis, bool keepDims, bool max)
    {
        int a = ShapeMath.NormalizeAxis(axis, Rank);
        var (outer, len, inner) = Split(a);
        if (max && len == 0) throw new InvalidOperationException($"Max along an empty axis {a} of shape {ShapeMath.Format(_shape)}.");
        var resultShape = keepDims
            ? _shape.Select((d, k) => k == a ? 1 : d).ToArray()
            : _shape.Where((_, k) => k != a).ToArray();
        var result = Zeros(resultShape);
        var s = AsReadOnlySpan();
        var r = result.AsSpan();
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
                r[o] = max ? Reductions.Max(s.Slice(o * len, len)) : Reductions.Sum(s.Slice(o * len, len));
            return result;
        }
        for (int o = 0; o < outer; o++)
        {
            var acc = r.Slice(o * inner, inner);
            if (max) acc.Fill(T.NegativeInfinity);
            for (int l = 0; l < len; l++)
            {
                var row = s.Slice((o * len + l) * inner, inner);
                if (max) Reductions.MaxInto(row, acc); else Reductions.AddInto(row, acc);
            }
        }
        return result;
    }

    /// <summary>Sums this tensor down to <paramref name="shape"/>, undoing a NumPy broadcast: the gradient of a
    /// broadcast is the sum over the stretched axes. Returns this tensor itself when the shapes already agree.</summary>
    public Tensor<T> SumToShape(ReadOnlySpan<int> shape)
    {
        if (Shape.SequenceEqual(shape)) return this;
        var check = ShapeMath.Broadcast(shape, _shape);
        ShapeMath.RequireSame(check, _shape, "SumToShape");
        var t = this;
        int shift = Rank - shape.Length;
        for (int k = 0; k < Rank; k++)
        {
            int target = k < shift ? 1 : shape[k - shift];
            if (target == 1 && _shape[k] != 1) t = t.Sum(k, keepDims: true);
        }
        return t.Reshape(shape.ToArray());
    }
}
