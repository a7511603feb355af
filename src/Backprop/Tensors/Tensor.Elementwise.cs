using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>z = op(x, y) with NumPy broadcasting, into a new tensor of the broadcast shape.</summary>
    public static Tensor<T> Map<TOp>(Tensor<T> x, Tensor<T> y) where TOp : IBinaryOperator<T>
    {
        var z = Zeros(ShapeMath.Broadcast(x._shape, y._shape));
        MapInto<TOp>(x, y, z);
        return z;
    }

    /// <summary>z = op(x, y) with NumPy broadcasting into an existing <paramref name="z"/> of the broadcast shape
    /// (z may be x or y). The innermost axis runs through the vector driver; outer axes step by broadcast strides.</summary>
    public static void MapInto<TOp>(Tensor<T> x, Tensor<T> y, Tensor<T> z) where TOp : IBinaryOperator<T>
    {
        if (x.Shape.SequenceEqual(z.Shape) && y.Shape.SequenceEqual(z.Shape)) // one shape: no broadcast shape to allocate
        {
            Elementwise.Binary<T, TOp>(x.AsReadOnlySpan(), y.AsReadOnlySpan(), z.AsSpan());
            return;
        }
        var shape = ShapeMath.Broadcast(x._shape, y._shape);
        ShapeMath.RequireSame(shape, z._shape, "Broadcast destination");
        var xs = x.AsReadOnlySpan();
        var ys = y.AsReadOnlySpan();
        var zs = z.AsSpan();
        if (zs.IsEmpty) return;
        if (x.Length == z.Length && y.Length == z.Length) { Elementwise.Binary<T, TOp>(xs, ys, zs); return; }
        if (y.Length == 1 && x.Length == z.Length) { Elementwise.BinaryScalarRight<T, TOp>(xs, ys[0], zs); return; }
        if (x.Length == 1 && y.Length == z.Length) { Elementwise.BinaryScalarLeft<T, TOp>(xs[0], ys, zs); return; }

        int rank = shape.Length, inner = shape[rank - 1];
        var sx = ShapeMath.BroadcastStrides(x._shape, shape);
        var sy = ShapeMath.BroadcastStrides(y._shape, shape);
        var counter = new int[rank];
        int ox = 0, oy = 0;
        for (int oz = 0; oz < zs.Length; oz += inner)
        {
            var zRow = zs.Slice(oz, inner);
            int ix = sx[rank - 1], iy = sy[rank - 1];
            if (ix == 1 && iy == 1) Elementwise.Binary<T, TOp>(xs.Slice(ox, inner), ys.Slice(oy, inner), zRow);
            else if (ix == 1) Elementwise.BinaryScalarRight<T, TOp>(xs.Slice(ox, inner), ys[oy], zRow);
            else if (iy == 1) Elementwise.BinaryScalarLeft<T, TOp>(xs[ox], ys.Slice(oy, inner), zRow);
            else zRow.Fill(TOp.Invoke(xs[ox], ys[oy]));
            // advance the outer counter (odometer over axes rank−2 … 0)
            for (int k = rank - 2; k >= 0; k--)
            {
                ox += sx[k]; oy += sy[k];
                if (++counter[k] < shape[k]) break;
                ox -= sx[k] * shape[k]; oy -= sy[k] * shape[k];
                counter[k] = 0;
            }
        }
    }

    /// <summary>y = op(x) elementwise into a new tensor.</summary>
    public Tensor<T> Map<TOp>() where TOp : IUnaryOperator<T>
    {
        var y = Zeros(_shape);
        Elementwise.Unary<T, TOp>(AsReadOnlySpan(), y.AsSpan());
        return y;
    }

    /// <summary>y = op(x, s) elementwise into a new tensor.</summary>
    internal Tensor<T> MapScalar<TOp>(T s) where TOp : IBinaryOperator<T>
    {
        var y = Zeros(_shape);
        Elementwise.BinaryScalarRight<T, TOp>(AsReadOnlySpan(), s, y.AsSpan());
        return y;
    }

    /// <summary>y = op(s, x) elementwise into a new tensor.</summary>
    internal static Tensor<T> MapScalarLeft<TOp>(T s, Tensor<T> x) where TOp : IBinaryOperator<T>
    {
        var y = Zeros(x._shape);
        Elementwise.BinaryScalarLeft<T, TOp>(s, x.AsReadOnlySpan(), y.AsSpan());
        return y;
    }

    /// <summary>this += <paramref name="source"/> elementwise (same shape or broadcastable to this one), in place.
    /// Records nothing: a tensor that a recorded op saved for its backward must not be changed before that backward runs.</summary>
    public void AddInPlace(Tensor<T> source) => MapInto<AddOperator<T>>(this, source, this);

    // The operators are the Op methods named beside them once an operand requires a gradient and the graph records
    // (see GraphArithmetic); otherwise, the common case, they compute the plain result and record nothing.
    public static Tensor<T> operator +(Tensor<T> x, Tensor<T> y) => Recording(x.RequiresGrad || y.RequiresGrad, "Op.Add") is { } g ? g.Add(x, y) : Map<AddOperator<T>>(x, y);
    public static Tensor<T> operator -(Tensor<T> x, Tensor<T> y) => Recording(x.RequiresGrad || y.RequiresGrad, "Op.Subtract") is { } g ? g.Subtract(x, y) : Map<SubtractOperator<T>>(x, y);
    public static Tensor<T> operator *(Tensor<T> x, Tensor<T> y) => Recording(x.RequiresGrad || y.RequiresGrad, "Op.Multiply") is { } g ? g.Multiply(x, y) : Map<MultiplyOperator<T>>(x, y);
    public static Tensor<T> operator /(Tensor<T> x, Tensor<T> y) => Recording(x.RequiresGrad || y.RequiresGrad, "Op.Divide") is { } g ? g.Divide(x, y) : Map<DivideOperator<T>>(x, y);
    public static Tensor<T> operator +(Tensor<T> x, T s) => Recording(x.RequiresGrad, "Op.AddScalar") is { } g ? g.Add(x, s) : x.MapScalar<AddOperator<T>>(s);
    public static Tensor<T> operator -(Tensor<T> x, T s) => Recording(x.RequiresGrad, "Op.AddScalar") is { } g ? g.Subtract(x, s) : x.MapScalar<SubtractOperator<T>>(s);
    public static Tensor<T> operator *(Tensor<T> x, T s) => Recording(x.RequiresGrad, "Op.Scale") is { } g ? g.Multiply(x, s) : x.MapScalar<MultiplyOperator<T>>(s);
    public static Tensor<T> operator /(Tensor<T> x, T s) => Recording(x.RequiresGrad, "Op.Divide") is { } g ? g.Divide(x, s) : x.MapScalar<DivideOperator<T>>(s);
    public static Tensor<T> operator +(T s, Tensor<T> x) => Recording(x.RequiresGrad, "Op.AddScalar") is { } g ? g.Add(x, s) : MapScalarLeft<AddOperator<T>>(s, x);
    public static Tensor<T> operator -(T s, Tensor<T> x) => Recording(x.RequiresGrad, "Op.Subtract") is { } g ? g.Subtract(s, x) : MapScalarLeft<SubtractOperator<T>>(s, x);
    public static Tensor<T> operator *(T s, Tensor<T> x) => Recording(x.RequiresGrad, "Op.Scale") is { } g ? g.Multiply(x, s) : MapScalarLeft<MultiplyOperator<T>>(s, x);
    public static Tensor<T> operator /(T s, Tensor<T> x) => Recording(x.RequiresGrad, "Op.Divide") is { } g ? g.Divide(s, x) : MapScalarLeft<DivideOperator<T>>(s, x);
    public static Tensor<T> operator -(Tensor<T> x) => Recording(x.RequiresGrad, "Op.Negate") is { } g ? g.Negate(x) : x.Map<NegateOperator<T>>();

    /// <summary>The graph's arithmetic when an operand requires a gradient and the graph records on this thread; null
    /// (compute plainly) otherwise. With no graph arithmetic registered, an operand that requires a gradient is an error
    /// naming <paramref name="op"/>: never a silent detach.</summary>
    private static IGraphArithmetic? Recording(bool requiresGrad, string op) =>
        requiresGrad && GraphArithmetic.For(op) is { IsRecording: true } graph ? graph : null;

    /// <summary>This tensor, for a method that computes plain values. On a tensor that requires a gradient while the graph
    /// records, such a result would silently lose the gradient, so it is an error naming <paramref name="recorded"/>, the
    /// form that records (inside <c>Graph.NoGrad()</c> the plain value is what is asked for).</summary>
    internal Tensor<T> Plain(string call, string recorded) =>
        RequiresGrad && GraphArithmetic.IsRecordingNow
            ? throw new InvalidOperationException($"{call} on a tensor that requires a gradient would not record on the graph, and the gradient through it would be lost; use {recorded}, or compute it inside Graph.NoGrad().")
            : this;

    /// <summary>eˣ elementwise.</summary>
    public Tensor<T> Exp() => Plain("x.Exp()", "Op.Exp(x)").Map<ExpOperator<T>>();
    /// <summary>ln x elementwise.</summary>
    public Tensor<T> Log() => Plain("x.Log()", "Op.Log(x)").Map<LogOperator<T>>();
    /// <summary>√x elementwise.</summary>
    public Tensor<T> Sqrt() => Plain("x.Sqrt()", "Op.Sqrt(x)").Map<SqrtOperator<T>>();
    /// <summary>|x| elementwise.</summary>
    public Tensor<T> Abs() => Plain("x.Abs()", "Op.Abs(x)").Map<AbsOperator<T>>();
    /// <summary>x² elementwise.</summary>
    public Tensor<T> Square() => Plain("x.Square()", "Op.Square(x)").Map<SquareOperator<T>>();
    /// <summary>xᵖ elementwise.</summary>
    public Tensor<T> Pow(T p) => Plain("x.Pow(p)", "Op.Pow(x, p)").MapScalar<PowOperator<T>>(p);
    /// <summary>x^y elementwise with broadcasting.</summary>
    public static Tensor<T> Pow(Tensor<T> x, Tensor<T> y) => Map<PowOperator<T>>(x.Plain("Tensor.Pow(x, y)", "Op.Pow"), y.Plain("Tensor.Pow(x, y)", "Op.Pow"));
    /// <summary>σ(x) = 1/(1+e^−x) elementwise, overflow-free.</summary>
    public Tensor<T> Sigmoid() => Plain("x.Sigmoid()", "Op.Sigmoid(x)").Map<SigmoidOperator<T>>();
    /// <summary>log σ(x) elementwise, overflow-free.</summary>
    public Tensor<T> LogSigmoid() => Plain("x.LogSigmoid()", "Op.Log(Op.Sigmoid(x))").Map<LogSigmoidOperator<T>>();
    /// <summary>tanh x = (eˣ − e^−ˣ)/(eˣ + e^−ˣ) elementwise.</summary>
    public Tensor<T> Tanh()
    {
        Plain("x.Tanh()", "Op.Tanh(x)");
        var y = Zeros(_shape);
        Hyperbolic.Tanh(AsReadOnlySpan(), y.AsSpan());
        return y;
    }
    /// <summary>max(x, 0) elementwise.</summary>
    public Tensor<T> Relu() => Plain("x.Relu()", "Op.Relu(x)").Map<ReluOperator<T>>();
    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public Tensor<T> LeakyRelu(T slope) => Plain("x.LeakyRelu(slope)", "Op.LeakyRelu(x, slope)").MapScalar<LeakyReluOperator<T>>(slope);
    /// <summary>min(max(x, low), high) elementwise.</summary>
    public Tensor<T> Clamp(T low, T high)
    {
        Plain("x.Clamp(low, high)", "Op.Maximum and Op.Minimum-free arithmetic, or Graph.NoGrad()");
        if (low > high) throw new ArgumentException($"Clamp needs low ≤ high; got {low} > {high}.");
        var y = MapScalar<MaxOperator<T>>(low);
        Elementwise.BinaryScalarRight<T, MinOperator<T>>(y.AsReadOnlySpan(), high, y.AsSpan());
        return y;
    }

    /// <summary>max(x, y) elementwise with broadcasting (NaN propagates).</summary>
    public static Tensor<T> Maximum(Tensor<T> x, Tensor<T> y) => Map<MaxOperator<T>>(x.Plain("Tensor.Maximum(x, y)", "Op.Maximum(x, y)"), y.Plain("Tensor.Maximum(x, y)", "Op.Maximum(x, y)"));
    /// <summary>min(x, y) elementwise with broadcasting (NaN propagates).</summary>
    public static Tensor<T> Minimum(Tensor<T> x, Tensor<T> y) => Map<MinOperator<T>>(x.Plain("Tensor.Minimum(x, y)", "−Op.Maximum(−x, −y)"), y.Plain("Tensor.Minimum(x, y)", "−Op.Maximum(−x, −y)"));
    /// <summary>1 where x &gt; y, else 0 (broadcasting).</summary>
    public static Tensor<T> GreaterThan(Tensor<T> x, Tensor<T> y) => Map<GreaterThanOperator<T>>(x, y);
    /// <summary>1 where x ≥ y, else 0 (broadcasting).</summary>
    public static Tensor<T> GreaterThanOrEqual(Tensor<T> x, Tensor<T> y) => Map<GreaterThanOrEqualOperator<T>>(x, y);
    /// <summary>1 where x &lt; y, else 0 (broadcasting).</summary>
    public static Tensor<T> LessThan(Tensor<T> x, Tensor<T> y) => Map<GreaterThanOperator<T>>(y, x);
    /// <summary>1 where x == y, else 0 (broadcasting).</summary>
    public static Tensor<T> EqualTo(Tensor<T> x, Tensor<T> y) => Map<EqualOperator<T>>(x, y);
    /// <summary>1 where x &gt; s, else 0 (the course's prediction rule A &gt; 0.5).</summary>
    public Tensor<T> GreaterThan(T s) => MapScalar<GreaterThanOperator<T>>(s);
}
