namespace Backprop.Tests.Kernels;

/// <summary>One special input and what the operator must give for it, at float and at double.</summary>
public sealed record SpecialValue(string Op, bool Binary, double X, double Y, double Expected, Tolerance Tolerance)
{
    public string Description => $"{Op}({Format(X)}{(Binary ? ", " + Format(Y) : "")}) = {Format(Expected)}";

    private static string Format(double v) =>
        v == 0 && double.IsNegative(v) ? "-0" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>NaN, ±∞, ±0 and the stability promises of the stable activations, as a table.</summary>
public static class SpecialValues
{
    private const double NaN = double.NaN, Inf = double.PositiveInfinity, NegZero = -0.0;
    private static readonly Tolerance Exact = Tolerance.Exact;
    private static readonly Tolerance Close = new(4);
    /// <summary>The runtime's float vector exp is within 2 ulp but not exact even at 0: e^0 comes out as 1.0000001.</summary>
    private static readonly Tolerance VectorExp = new(1);
    /// <summary>As in the table: ln(1 + e) rounds 1 + e first, which can cost ε in absolute terms.</summary>
    private static readonly Tolerance LogSigmoid = new(4, 1);

    private static SpecialValue U(string op, double x, double expected, Tolerance? tolerance = null) =>
        new(op, false, x, 0, expected, tolerance ?? Exact);

    private static SpecialValue B(string op, double x, double y, double expected, Tolerance? tolerance = null) =>
        new(op, true, x, y, expected, tolerance ?? Exact);

    public static readonly SpecialValue[] All =
    [
        U("Negate", 0, NegZero), U("Negate", NegZero, 0), U("Negate", Inf, -Inf), U("Negate", NaN, NaN),
        U("Abs", NegZero, 0), U("Abs", -Inf, Inf), U("Abs", NaN, NaN),
        U("Sqrt", -1, NaN), U("Sqrt", NegZero, NegZero), U("Sqrt", Inf, Inf), U("Sqrt", NaN, NaN),
        U("Square", -Inf, Inf), U("Square", NaN, NaN), U("Square", NegZero, 0),

        U("Exp", 0, 1, VectorExp), U("Exp", NegZero, 1, VectorExp), U("Exp", Inf, Inf), U("Exp", -Inf, 0), U("Exp", NaN, NaN),
        U("Exp", 1000, Inf), U("Exp", -1000, 0), U("Exp", 1, Math.E, Close),
        U("Log", 1, 0), U("Log", 0, -Inf), U("Log", NegZero, -Inf), U("Log", -1, NaN), U("Log", Inf, Inf),
        U("Log", -Inf, NaN), U("Log", NaN, NaN), U("Log", Math.E, 1, Close),

        U("Sigmoid", 0, 0.5), U("Sigmoid", NegZero, 0.5),
        U("Sigmoid", 100, 1), U("Sigmoid", -100, 3.720075976020836e-44, Close),
        U("Sigmoid", 800, 1), U("Sigmoid", -800, 0),
        U("Sigmoid", Inf, 1), U("Sigmoid", -Inf, 0), U("Sigmoid", NaN, NaN),
        U("Sigmoid", 2, 0.8807970779778823, Close), U("Sigmoid", -2, 0.11920292202211755, Close),

        U("LogSigmoid", 0, -Math.Log(2), LogSigmoid), U("LogSigmoid", -1000, -1000), U("LogSigmoid", 1000, 0),
        U("LogSigmoid", -Inf, -Inf), U("LogSigmoid", Inf, 0), U("LogSigmoid", NaN, NaN),
        U("LogSigmoid", -30, -30.000000000000092, LogSigmoid), U("LogSigmoid", 2, -0.1269280110429725, LogSigmoid),

        U("Relu", NaN, NaN), U("Relu", -Inf, 0), U("Relu", Inf, Inf), U("Relu", NegZero, 0), U("Relu", -5, 0), U("Relu", 3, 3),

        B("Add", Inf, -Inf, NaN), B("Add", NegZero, NegZero, NegZero), B("Add", NegZero, 0, 0), B("Add", NaN, 1, NaN),
        B("Subtract", Inf, Inf, NaN), B("Subtract", 0, 0, 0), B("Subtract", NegZero, 0, NegZero),
        B("Multiply", 0, Inf, NaN), B("Multiply", NegZero, 5, NegZero), B("Multiply", -Inf, -2, Inf),
        B("Divide", 1, 0, Inf), B("Divide", -1, 0, -Inf), B("Divide", 1, NegZero, -Inf), B("Divide", 0, 0, NaN),
        B("Divide", Inf, Inf, NaN), B("Divide", 3, Inf, 0),

        B("Max", NaN, 1, NaN), B("Max", 1, NaN, NaN), B("Max", NaN, NaN, NaN), B("Max", NegZero, 0, 0), B("Max", 0, NegZero, 0),
        B("Max", Inf, -Inf, Inf), B("Max", -Inf, NaN, NaN),
        B("Min", NaN, 1, NaN), B("Min", 1, NaN, NaN), B("Min", NegZero, 0, NegZero), B("Min", 0, NegZero, NegZero),
        B("Min", Inf, -Inf, -Inf),

        B("Pow", 2, 10, 1024), B("Pow", 0, -1, Inf), B("Pow", -8, 1.0 / 3, NaN), B("Pow", -2, 3, -8), B("Pow", NaN, 0, 1),
        B("Pow", 1, NaN, 1),

        B("LeakyRelu", NaN, 0.01, NaN), B("LeakyRelu", -Inf, 0.01, -Inf), B("LeakyRelu", 0, 0.01, 0), B("LeakyRelu", 2, 0.01, 2),
        B("ReluBackward", 0, 5, 0), B("ReluBackward", NaN, 5, 0), B("ReluBackward", 1e-30, 5, 5),
        B("GreaterThan", NaN, 1, 0), B("GreaterThan", 1, NaN, 0), B("GreaterThan", 0, NegZero, 0), B("GreaterThan", Inf, 1, 1),
        B("GreaterThanOrEqual", NaN, NaN, 0), B("GreaterThanOrEqual", NegZero, 0, 1),
        B("Equal", NaN, NaN, 0), B("Equal", NegZero, 0, 1), B("Equal", Inf, Inf, 1),
        B("SigmoidBackward", 1, 7, 0), B("SigmoidBackward", 0.5, 4, 1),
        B("TanhBackward", 1, 7, 0), B("TanhBackward", 0, 3, 3),
    ];

    public static SpecialValue Get(string description) => All.Single(s => s.Description == description);
}
