using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Course;

/// <summary>Z = Σ a_slice_prev ∘ W + b and its neighbours: the course's convolution step functions (Course 4, week 1) as a
/// learner calls them, on channels-last arrays (m, n_H, n_W, n_C) with W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C).
/// Each is built on the library's fused ops (<see cref="Op.Conv2D{T}"/>, <see cref="Op.MaxPool2D{T}"/>, …), so the
/// course's published values check the layers themselves.</summary>
public static class CourseConvolution
{
    /// <summary>zero_pad(X, pad): pad zeros around each image's height and width.</summary>
    public static Tensor<T> ZeroPad<T>(Tensor<T> x, int pad) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using (Graph.NoGrad()) return Op.ZeroPad2D(x, pad).Clone();
    }

    /// <summary>conv_single_step: Z = Σ_{p, q, c} a_slice_prev[p, q, c] · W[p, q, c] + b, for one f × f × n_C_prev slice and one filter.</summary>
    public static T ConvSingleStep<T>(Tensor<T> aSlicePrev, Tensor<T> weight, Tensor<T> bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(aSlicePrev.Shape, weight.Shape, "conv_single_step");
        var a = aSlicePrev.AsReadOnlySpan();
        var w = weight.AsReadOnlySpan();
        var s = T.Zero;
        for (int i = 0; i < a.Length; i++) s += a[i] * w[i];
        return s + bias.AsReadOnlySpan()[0];
    }

    /// <summary>conv_forward(A_prev, W, b, {stride, pad}): Z[n, h, w, c] = conv_single_step(A_prev_pad[n, h·s : h·s + f, w·s : w·s + f, :],
    /// W[..., c], b[..., c]); n_H = ⌊(n_H_prev − f + 2·pad) / stride⌋ + 1.</summary>
    public static Tensor<T> ConvForward<T>(Tensor<T> aPrev, Tensor<T> weight, Tensor<T> bias, int stride, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using (Graph.NoGrad()) return Op.Conv2D(aPrev, weight, BiasVector(bias), stride, pad).Clone();
    }

    /// <summary>conv_backward(dZ, cache): dA_prev, dW and db (shape (1, 1, 1, n_C)) of a conv_forward with the same arguments.</summary>
    public static (Tensor<T> DAPrev, Tensor<T> DW, Tensor<T> Db) ConvBackward<T>(Tensor<T> dz, Tensor<T> aPrev, Tensor<T> weight, Tensor<T> bias, int stride, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, w, b) = (Leaf(aPrev), Leaf(weight), Leaf(BiasVector(bias)));
        Op.Conv2D(a, w, b, stride, pad).Backward(dz);
        return (a.Grad!.Clone(), w.Grad!.Clone(), b.Grad!.Clone().Reshape(bias.ShapeArray));
    }

    /// <summary>pool_forward(A_prev, {f, stride}, mode): the max ("max") or mean ("average") of each f × f window, no padding.</summary>
    public static Tensor<T> PoolForward<T>(Tensor<T> aPrev, int f, int stride, string mode = "max") where T : unmanaged, IFloatingPointIeee754<T>
    {
        using (Graph.NoGrad()) return Pool(aPrev, f, stride, mode).Clone();
    }

    /// <summary>pool_backward(dA, cache, mode): dA_prev, each window's dA routed to its maximum (create_mask_from_window) or
    /// spread evenly over it (distribute_value).</summary>
    public static Tensor<T> PoolBackward<T>(Tensor<T> da, Tensor<T> aPrev, int f, int stride, string mode = "max") where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Leaf(aPrev);
        Pool(a, f, stride, mode).Backward(da);
        return a.Grad!.Clone();
    }

    /// <summary>create_mask_from_window(x): mask[i] = (x[i] == max(x)).</summary>
    public static bool[] CreateMaskFromWindow<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = x.AsReadOnlySpan();
        var max = T.NegativeInfinity;
        foreach (var v in s) max = T.Max(max, v);
        var mask = new bool[s.Length];
        for (int i = 0; i < s.Length; i++) mask[i] = s[i] == max;
        return mask;
    }

    /// <summary>distribute_value(dz, shape): a (n_H, n_W) matrix whose every entry is dz / (n_H·n_W).</summary>
    public static Tensor<T> DistributeValue<T>(T dz, int height, int width) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor<T>.Full(dz / T.CreateChecked(height * width), height, width);

    private static Tensor<T> Pool<T>(Tensor<T> a, int f, int stride, string mode) where T : unmanaged, IFloatingPointIeee754<T> => mode switch
    {
        "max" => Op.MaxPool2D(a, f, stride),
        "average" or "avg" => Op.AvgPool2D(a, f, stride),
        _ => throw new ArgumentException($"The pooling mode must be \"max\" or \"average\"; got \"{mode}\"."),
    };

    private static Tensor<T> BiasVector<T>(Tensor<T> bias) where T : unmanaged, IFloatingPointIeee754<T> => bias.Reshape(bias.Length);

    private static Tensor<T> Leaf<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var leaf = x.Clone();
        leaf.RequiresGrad = true;
        return leaf;
    }
}
