using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Differentiable operations: each computes its result eagerly and records its backward rule beside it.
/// Binary ops broadcast like NumPy; the engine sums gradients back to each input's shape.</summary>
public static partial class Op
{
    // Forwards compute through the kernels (Tensor.Map), not the Tensor operators: those come back here when an operand
    // requires a gradient. Backwards may use the operators: back-propagation runs with recording off.

    /// <summary>y = a + b. Backward: da = dy, db = dy.</summary>
    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.Map<AddOperator<T>>(a, b), a, b, dy => (dy, dy));

    /// <summary>y = a − b. Backward: da = dy, db = −dy.</summary>
    public static Tensor<T> Subtract<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.Map<SubtractOperator<T>>(a, b), a, b, dy => (dy, -dy));

    /// <summary>y = a ∘ b (elementwise). Backward: da = dy ∘ b, db = dy ∘ a.</summary>
    public static Tensor<T> Multiply<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.Map<MultiplyOperator<T>>(a, b), a, b, dy => (dy * b, dy * a));

    /// <summary>y = a / b (elementwise). Backward: da = dy / b, db = −dy ∘ a / b².</summary>
    public static Tensor<T> Divide<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.Map<DivideOperator<T>>(a, b), a, b, dy => (dy / b, -(dy * a) / (b * b)));

    /// <summary>y = s·x for a constant s. Backward: dx = s·dy.</summary>
    public static Tensor<T> Scale<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.MapScalar<MultiplyOperator<T>>(s), x, dy => dy * s);

    /// <summary>y = x + s for a constant s. Backward: dx = dy.</summary>
    public static Tensor<T> AddScalar<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.MapScalar<AddOperator<T>>(s), x, dy => dy);

    /// <summary>y = s − x for a constant s. Backward: dx = −dy.</summary>
    public static Tensor<T> Subtract<T>(T s, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.MapScalarLeft<SubtractOperator<T>>(s, x), x, dy => -dy);

    /// <summary>y = x / s for a constant s. Backward: dx = dy / s.</summary>
    public static Tensor<T> Divide<T>(Tensor<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.MapScalar<DivideOperator<T>>(s), x, dy => dy / s);

    /// <summary>y = s / x for a constant s. Backward: dx = −dy ∘ y / x (that is, −dy ∘ s / x²).</summary>
    public static Tensor<T> Divide<T>(T s, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor<T>.MapScalarLeft<DivideOperator<T>>(s, x);
        return Graph.Record(y, x, dy => -(dy * y) / x);
    }

    /// <summary>y = −x. Backward: dx = −dy.</summary>
    public static Tensor<T> Negate<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.Map<NegateOperator<T>>(), x, dy => -dy);

    /// <summary>y = eˣ. Backward: dx = dy ∘ y.</summary>
    public static Tensor<T> Exp<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = x.Map<ExpOperator<T>>();
        return Graph.Record(y, x, dy => dy * y);
    }

    /// <summary>y = ln x. Backward: dx = dy / x.</summary>
    public static Tensor<T> Log<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.Map<LogOperator<T>>(), x, dy => dy / x);

    /// <summary>y = √x. Backward: dx = dy / (2y).</summary>
    public static Tensor<T> Sqrt<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = x.Map<SqrtOperator<T>>();
        return Graph.Record(y, x, dy => dy / (y * T.CreateChecked(2)));
    }

    /// <summary>y = xᵖ for a constant p. Backward: dx = dy ∘ p·xᵖ⁻¹.</summary>
    public static Tensor<T> Pow<T>(Tensor<T> x, T p) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.MapScalar<PowOperator<T>>(p), x, dy => dy * (x.Pow(p - T.One) * p));

    /// <summary>y = x². Backward: dx = 2x ∘ dy.</summary>
    public static Tensor<T> Square<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.Map<SquareOperator<T>>(), x, dy => dy * x * T.CreateChecked(2));

    /// <summary>y = |x|. Backward: dx = sign(x) ∘ dy (0 at x = 0).</summary>
    public static Tensor<T> Abs<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(x.Map<AbsOperator<T>>(), x, dy => dy * (Tensor<T>.GreaterThan(x, Tensor<T>.Scalar(T.Zero)) - Tensor<T>.LessThan(x, Tensor<T>.Scalar(T.Zero))));

    /// <summary>y = max(a, b). Backward: the gradient goes to the larger input (to a on ties).</summary>
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.Map<MaxOperator<T>>(a, b), a, b, dy =>
        {
            var aWins = Tensor<T>.GreaterThanOrEqual(a, b);
            return (dy * aWins, dy * (T.One - aWins));
        });

    /// <summary>C = op(A)·op(B). Backward (for C = A·B): dA = dC·Bᵀ, dB = Aᵀ·dC; the transpose flags carry through,
    /// so no transpose is ever materialised.</summary>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Graph.Record(Tensor<T>.MatMulValues(a, b, transposeA, transposeB), a, b, dc => (
            a.RequiresGrad ? (transposeA ? Tensor<T>.MatMul(b, dc, transposeB, true) : Tensor<T>.MatMul(dc, b, false, !transposeB)) : null,
            b.RequiresGrad ? (transposeB ? Tensor<T>.MatMul(dc, a, true, transposeA) : Tensor<T>.MatMul(a, dc, !transposeA, false)) : null));
}
