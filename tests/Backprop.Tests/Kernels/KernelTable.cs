using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>The one table of elementwise kernels: every unary and binary operator struct, for float and double,
/// with the input range it is checked on and how closely its vector form must follow its scalar oracle.
/// A new operator is one new row (a test fails until it has one).</summary>
public static class KernelTable
{
    private static readonly Domain Wide = new(-10, 10);
    private static readonly Domain Positive = new(1e-3, 100);
    private static readonly Domain Exponent = new(-80, 80);
    private static readonly Domain Slope = new(0, 0.5);

    /// <summary>Exp and log in vector form are the runtime's own vector routines, not the scalar CRT ones.</summary>
    private static readonly Tolerance FewUlps = new(4);

    /// <summary>ln(1 + e) rounds 1 + e before the log, so a one-ulp difference in e can move the result by up to ε
    /// in absolute terms when log σ(x) is tiny (large x); relative accuracy elsewhere is a few ulp.</summary>
    private static readonly Tolerance LogSigmoidSlack = new(4, 1);

    public static readonly KernelCase[] All = [.. Rows<float>(), .. Rows<double>()];

    public static KernelCase Get(string name) => All.Single(c => c.Name == name);

    public static IEnumerable<string> Names(bool? binary = null) =>
        All.Where(c => binary is null || c.IsBinary == binary).Select(c => c.Name);

    private static KernelCase[] Rows<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
    [
        Unary<T, NegateOperator<T>>("Negate", Wide),
        Unary<T, AbsOperator<T>>("Abs", Wide),
        Unary<T, SqrtOperator<T>>("Sqrt", new(-1, 100)),
        Unary<T, SquareOperator<T>>("Square", Wide),
        Unary<T, ExpOperator<T>>("Exp", Exponent, FewUlps),
        Unary<T, LogOperator<T>>("Log", Positive, FewUlps),
        Unary<T, SigmoidOperator<T>>("Sigmoid", Exponent, FewUlps),
        Unary<T, LogSigmoidOperator<T>>("LogSigmoid", Exponent, LogSigmoidSlack),
        Unary<T, ReluOperator<T>>("Relu", Wide),

        Binary<T, AddOperator<T>>("Add", Wide, Wide),
        Binary<T, SubtractOperator<T>>("Subtract", Wide, Wide),
        Binary<T, MultiplyOperator<T>>("Multiply", Wide, Wide),
        Binary<T, DivideOperator<T>>("Divide", Wide, Wide),
        Binary<T, MaxOperator<T>>("Max", Wide, Wide),
        Binary<T, MinOperator<T>>("Min", Wide, Wide),
        Binary<T, PowOperator<T>>("Pow", new(-3, 3), new(-4, 4)),
        Binary<T, LeakyReluOperator<T>>("LeakyRelu", Wide, Slope),
        Binary<T, ReluBackwardOperator<T>>("ReluBackward", Wide, Wide),
        Binary<T, GreaterThanOperator<T>>("GreaterThan", Wide, Wide),
        Binary<T, GreaterThanOrEqualOperator<T>>("GreaterThanOrEqual", Wide, Wide),
        Binary<T, EqualOperator<T>>("Equal", Wide, Wide),
        Binary<T, SigmoidBackwardOperator<T>>("SigmoidBackward", new(0, 1), Wide),
        Binary<T, TanhBackwardOperator<T>>("TanhBackward", new(-1, 1), Wide),
    ];

    private static KernelCase Unary<T, TOp>(string op, Domain domain, Tolerance tolerance = default)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryOperator<T> =>
        new UnaryKernelCase<T, TOp>(op, domain, tolerance);

    private static KernelCase Binary<T, TOp>(string op, Domain left, Domain right, Tolerance tolerance = default)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IBinaryOperator<T> =>
        new BinaryKernelCase<T, TOp>(op, left, right, tolerance);
}
