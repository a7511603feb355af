using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

public static partial class Op
{
    /// <summary>y = Σ x over all elements. Backward: dx = dy broadcast to x's shape.</summary>
    public static Tensor<T> Sum<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.Scalar(Reductions.Sum(x.AsReadOnlySpan())), x, dy => Tensor<T>.Full(dy.ToScalar(), x.ShapeArray));

    /// <summary>y = Σ x along one axis. Backward: dx = dy broadcast back along that axis.</summary>
    public static Tensor<T> Sum<T>(Tensor<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.Reduce(axis, keepDims, max: false), x, dy => Tensor<T>.ZerosLike(x) + KeepAxis(dy, x, axis));

    /// <summary>y = (1/n) Σ x over all n elements. Backward: dx = dy / n everywhere.</summary>
    public static Tensor<T> Mean<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.Scalar(Reductions.Sum(x.AsReadOnlySpan()) / T.CreateChecked(x.Length)), x, dy => Tensor<T>.Full(dy.ToScalar() / T.CreateChecked(x.Length), x.ShapeArray));

    /// <summary>y = mean of x along one axis. Backward: dx = dy / n broadcast back along that axis.</summary>
    public static Tensor<T> Mean<T>(Tensor<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.MeanValues(axis, keepDims), x, dy => Tensor<T>.ZerosLike(x) + KeepAxis(dy, x, axis) / T.CreateChecked(x.Dim(axis)));

    /// <summary>The same elements in another shape. Backward: dx = dy reshaped back.</summary>
    public static Tensor<T> Reshape<T>(Tensor<T> x, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.Reshape(shape), x, dy => dy.Reshape(x.ShapeArray));

    /// <summary>Yᵀ of a matrix. Backward: dx = dyᵀ.</summary>
    public static Tensor<T> Transpose<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.Transpose(), x, dy => dy.Transpose());

    /// <summary>Concatenation along an axis. Backward: each input gets its slice of dy.</summary>
    public static Tensor<T> Concat<T>(int axis, params Tensor<T>[] parts) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.Concat(axis, parts);
        int a = ShapeMath.NormalizeAxis(axis, y.Rank);
        return Graph.Record(y, parts, dy =>
        {
            // View dy as [outer, total·inner]; input i owns columns [start·inner, (start + lenᵢ)·inner) of each row.
            int outer = 1, inner = 1;
            for (int k = 0; k < a; k++) outer *= y.Dim(k);
            for (int k = a + 1; k < y.Rank; k++) inner *= y.Dim(k);
            int total = y.Dim(a) * inner, start = 0;
            var grads = new Tensor<T>?[parts.Length];
            var src = dy.AsReadOnlySpan();
            for (int i = 0; i < parts.Length; i++)
            {
                int chunk = parts[i].Dim(a) * inner;
                var g = Tensor<T>.ZerosLike(parts[i]);
                var dst = g.AsSpan();
                for (int o = 0; o < outer; o++) src.Slice(o * total + start, chunk).CopyTo(dst.Slice(o * chunk, chunk));
                grads[i] = g;
                start += chunk;
            }
            return grads;
        });
    }

    private static Tensor<T> KeepAxis<T>(Tensor<T> dy, Tensor<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = x.ShapeArray.ToArray();
        shape[ShapeMath.NormalizeAxis(axis, x.Rank)] = 1;
        return dy.Reshape(shape);
    }

}
