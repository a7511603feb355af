using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>A uniform input range [Low, High] for one operand.</summary>
public readonly record struct Domain(double Low, double High)
{
    public T Draw<T>(Random random) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(Low + (High - Low) * random.NextDouble());
}

/// <summary>One row of the kernel table: an operator struct at one element type. Every check runs the operator
/// through <see cref="Elementwise"/> and compares each element with the scalar <c>Invoke</c>, the oracle.</summary>
public abstract class KernelCase
{
    protected const double Canary = -777.25;

    /// <summary>The driver width under test, for failure messages.</summary>
    [ThreadStatic] protected static VectorWidth CurrentWidth;

    protected KernelCase(string op, Type operatorDefinition, Type elementType, Tolerance tolerance)
    {
        Op = op;
        OperatorDefinition = operatorDefinition;
        ElementType = elementType;
        Tolerance = tolerance;
    }

    /// <summary>The operator's short name ("Exp"); rows of the special-value table refer to it.</summary>
    public string Op { get; }
    /// <summary>The open generic operator struct, e.g. <c>ExpOperator&lt;&gt;</c>.</summary>
    public Type OperatorDefinition { get; }
    public Type ElementType { get; }
    /// <summary>How far the vector path may sit from the scalar oracle (exact except where the vector form
    /// uses a different exp or log than the scalar one).</summary>
    public Tolerance Tolerance { get; }
    public abstract bool IsBinary { get; }
    public string Name => $"{Op}<{(ElementType == typeof(float) ? "float" : "double")}>";

    /// <summary>Random inputs of the given length through the driver into a destination with a canary on either side.</summary>
    public abstract void CheckDriver(int length, VectorWidth width);
    /// <summary>The destination is the same span as an input (each input in turn, and all at once).</summary>
    public abstract void CheckInPlace(int length, VectorWidth width);
    /// <summary>BinaryScalarRight and BinaryScalarLeft (binary operators only).</summary>
    public abstract void CheckScalarBroadcast(int length, VectorWidth width);
    /// <summary>The Vector128, Vector256 and Vector512 forms called directly, whatever the machine's preferred width.</summary>
    public abstract void CheckVectorForms(int trials);
    /// <summary>Every element of a vector-and-tail-sized array filled with x (and y) maps to expected.</summary>
    public abstract void CheckSpecialValue(double x, double y, double expected, Tolerance tolerance, VectorWidth width);

    public override string ToString() => Name;

    protected static void Fail(string message) => Assert.Fail(message);

    protected static string Show<T>(T value) where T : IFloatingPointIeee754<T> =>
        T.IsNegative(value) && value == T.Zero ? "-0" : value.ToString("R", CultureInfo.InvariantCulture);
}

public abstract class KernelCase<T> : KernelCase where T : unmanaged, IFloatingPointIeee754<T>
{
    protected KernelCase(string op, Type operatorDefinition, Tolerance tolerance) : base(op, operatorDefinition, typeof(T), tolerance) { }

    /// <summary>A length-n window at offset 1 of an (n + 2)-element buffer whose two outer cells hold a canary.</summary>
    protected static T[] Guarded(int length)
    {
        var buffer = new T[length + 2];
        buffer.AsSpan().Fill(T.CreateTruncating(Canary));
        return buffer;
    }

    protected void CheckCanaries(T[] buffer, string what)
    {
        T canary = T.CreateTruncating(Canary);
        if (buffer[0] != canary || buffer[^1] != canary)
            Fail($"{Name} {what}, length {buffer.Length - 2}: wrote outside the destination (before: {Show(buffer[0])}, after: {Show(buffer[^1])}).");
    }

    protected void CheckElement(T actual, T expected, string what, int length, int index, Tolerance tolerance)
    {
        if (!tolerance.Accepts(actual, expected))
            Fail($"{Name} {what} at {VectorWidths.Describe(CurrentWidth)}, length {length}, element {index}: got {Show(actual)}, oracle {Show(expected)} ({tolerance}).");
    }
}

public sealed class UnaryKernelCase<T, TOp>(string op, Domain domain, Tolerance tolerance)
    : KernelCase<T>(op, typeof(TOp).GetGenericTypeDefinition(), tolerance)
    where T : unmanaged, IFloatingPointIeee754<T> where TOp : IUnaryOperator<T>
{
    public override bool IsBinary => false;

    private T[] Inputs(int length, int seed)
    {
        var random = new Random(seed);
        var x = new T[length];
        for (int i = 0; i < length; i++) x[i] = domain.Draw<T>(random);
        return x;
    }

    public override void CheckDriver(int length, VectorWidth width)
    {
        CurrentWidth = width;
        var x = Inputs(length, length);
        var buffer = Guarded(length);
        Elementwise.Unary<T, TOp>(x, buffer.AsSpan(1, length), width);
        CheckCanaries(buffer, "Unary");
        for (int i = 0; i < length; i++) CheckElement(buffer[i + 1], TOp.Invoke(x[i]), "Unary", length, i, Tolerance);
    }

    public override void CheckInPlace(int length, VectorWidth width)
    {
        CurrentWidth = width;
        var x = Inputs(length, 1000 + length);
        var separate = new T[length];
        Elementwise.Unary<T, TOp>(x, separate, width);
        var shared = (T[])x.Clone();
        Elementwise.Unary<T, TOp>(shared, shared, width);
        for (int i = 0; i < length; i++) CheckElement(shared[i], separate[i], "in place", length, i, Tolerance.Exact);
    }

    public override void CheckScalarBroadcast(int length, VectorWidth width) { }

    public override void CheckVectorForms(int trials)
    {
        var random = new Random(trials);
        for (int t = 0; t < trials; t++)
        {
            var x128 = new T[Vector128<T>.Count];
            for (int i = 0; i < x128.Length; i++) x128[i] = domain.Draw<T>(random);
            var y128 = TOp.Invoke(Vector128.Create<T>(x128));
            for (int i = 0; i < x128.Length; i++) CheckElement(y128[i], TOp.Invoke(x128[i]), "Vector128 lane", x128.Length, i, Tolerance);

            var x256 = new T[Vector256<T>.Count];
            for (int i = 0; i < x256.Length; i++) x256[i] = domain.Draw<T>(random);
            var y256 = TOp.Invoke(Vector256.Create<T>(x256));
            for (int i = 0; i < x256.Length; i++) CheckElement(y256[i], TOp.Invoke(x256[i]), "Vector256 lane", x256.Length, i, Tolerance);

            var x512 = new T[Vector512<T>.Count];
            for (int i = 0; i < x512.Length; i++) x512[i] = domain.Draw<T>(random);
            var y512 = TOp.Invoke(Vector512.Create<T>(x512));
            for (int i = 0; i < x512.Length; i++) CheckElement(y512[i], TOp.Invoke(x512[i]), "Vector512 lane", x512.Length, i, Tolerance);
        }
    }

    public override void CheckSpecialValue(double x, double y, double expected, Tolerance tolerance, VectorWidth width)
    {
        CurrentWidth = width;
        int length = 2 * Vector512<T>.Count + 3;
        var input = new T[length];
        input.AsSpan().Fill(T.CreateTruncating(x));
        var output = new T[length];
        Elementwise.Unary<T, TOp>(input, output, width);
        T want = T.CreateTruncating(expected);
        CheckElement(TOp.Invoke(input[0]), want, $"scalar oracle at {x}", 1, 0, tolerance);
        for (int i = 0; i < length; i++) CheckElement(output[i], want, $"at {x}", length, i, tolerance);
        // Every width's form directly, accelerated here or not.
        CheckElement(TOp.Invoke(Vector128.Create(input[0]))[0], want, $"Vector128 at {x}", 1, 0, tolerance);
        CheckElement(TOp.Invoke(Vector256.Create(input[0]))[0], want, $"Vector256 at {x}", 1, 0, tolerance);
        CheckElement(TOp.Invoke(Vector512.Create(input[0]))[0], want, $"Vector512 at {x}", 1, 0, tolerance);
    }
}

public sealed class BinaryKernelCase<T, TOp>(string op, Domain left, Domain right, Tolerance tolerance)
    : KernelCase<T>(op, typeof(TOp).GetGenericTypeDefinition(), tolerance)
    where T : unmanaged, IFloatingPointIeee754<T> where TOp : IBinaryOperator<T>
{
    public override bool IsBinary => true;

    private (T[] X, T[] Y) Inputs(int length, int seed)
    {
        var random = new Random(seed);
        var x = new T[length];
        var y = new T[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = left.Draw<T>(random);
            // Every fourth pair is equal, so comparisons and max/min meet ties.
            y[i] = i % 4 == 3 ? x[i] : right.Draw<T>(random);
        }
        return (x, y);
    }

    public override void CheckDriver(int length, VectorWidth width)
    {
        CurrentWidth = width;
        var (x, y) = Inputs(length, length);
        var buffer = Guarded(length);
        Elementwise.Binary<T, TOp>(x, y, buffer.AsSpan(1, length), width);
        CheckCanaries(buffer, "Binary");
        for (int i = 0; i < length; i++) CheckElement(buffer[i + 1], TOp.Invoke(x[i], y[i]), "Binary", length, i, Tolerance);
    }

    public override void CheckInPlace(int length, VectorWidth width)
    {
        CurrentWidth = width;
        var (x, y) = Inputs(length, 1000 + length);
        var separate = new T[length];
        Elementwise.Binary<T, TOp>(x, y, separate, width);

        var intoX = (T[])x.Clone();
        Elementwise.Binary<T, TOp>(intoX, y, intoX, width);
        var intoY = (T[])y.Clone();
        Elementwise.Binary<T, TOp>(x, intoY, intoY, width);
        var squared = new T[length];
        Elementwise.Binary<T, TOp>(x, x, squared, width);
        var all = (T[])x.Clone();
        Elementwise.Binary<T, TOp>(all, all, all, width);
        for (int i = 0; i < length; i++)
        {
            CheckElement(intoX[i], separate[i], "in place (dst = x)", length, i, Tolerance.Exact);
            CheckElement(intoY[i], separate[i], "in place (dst = y)", length, i, Tolerance.Exact);
            CheckElement(all[i], squared[i], "in place (dst = x = y)", length, i, Tolerance.Exact);
        }
    }

    public override void CheckScalarBroadcast(int length, VectorWidth width)
    {
        CurrentWidth = width;
        var (x, y) = Inputs(length, 2000 + length);
        var random = new Random(length);
        T s = right.Draw<T>(random), t = left.Draw<T>(random);

        var buffer = Guarded(length);
        Elementwise.BinaryScalarRight<T, TOp>(x, s, buffer.AsSpan(1, length), width);
        CheckCanaries(buffer, "BinaryScalarRight");
        for (int i = 0; i < length; i++) CheckElement(buffer[i + 1], TOp.Invoke(x[i], s), "BinaryScalarRight", length, i, Tolerance);

        buffer = Guarded(length);
        Elementwise.BinaryScalarLeft<T, TOp>(t, y, buffer.AsSpan(1, length), width);
        CheckCanaries(buffer, "BinaryScalarLeft");
        for (int i = 0; i < length; i++) CheckElement(buffer[i + 1], TOp.Invoke(t, y[i]), "BinaryScalarLeft", length, i, Tolerance);

        var shared = (T[])x.Clone();
        Elementwise.BinaryScalarRight<T, TOp>(shared, s, shared, width);
        for (int i = 0; i < length; i++) CheckElement(shared[i], TOp.Invoke(x[i], s), "BinaryScalarRight in place", length, i, Tolerance);
        shared = (T[])y.Clone();
        Elementwise.BinaryScalarLeft<T, TOp>(t, shared, shared, width);
        for (int i = 0; i < length; i++) CheckElement(shared[i], TOp.Invoke(t, y[i]), "BinaryScalarLeft in place", length, i, Tolerance);
    }

    public override void CheckVectorForms(int trials)
    {
        var (x, y) = Inputs(trials * Vector512<T>.Count, trials);
        for (int t = 0; t < trials; t++)
        {
            var xs = x.AsSpan(t * Vector512<T>.Count);
            var ys = y.AsSpan(t * Vector512<T>.Count);
            var z128 = TOp.Invoke(Vector128.Create<T>(xs), Vector128.Create<T>(ys));
            for (int i = 0; i < Vector128<T>.Count; i++)
                CheckElement(z128[i], TOp.Invoke(xs[i], ys[i]), "Vector128 lane", Vector128<T>.Count, i, Tolerance);
            var z256 = TOp.Invoke(Vector256.Create<T>(xs), Vector256.Create<T>(ys));
            for (int i = 0; i < Vector256<T>.Count; i++)
                CheckElement(z256[i], TOp.Invoke(xs[i], ys[i]), "Vector256 lane", Vector256<T>.Count, i, Tolerance);
            var z512 = TOp.Invoke(Vector512.Create<T>(xs), Vector512.Create<T>(ys));
            for (int i = 0; i < Vector512<T>.Count; i++)
                CheckElement(z512[i], TOp.Invoke(xs[i], ys[i]), "Vector512 lane", Vector512<T>.Count, i, Tolerance);
        }
    }

    public override void CheckSpecialValue(double x, double y, double expected, Tolerance tolerance, VectorWidth width)
    {
        CurrentWidth = width;
        int length = 2 * Vector512<T>.Count + 3;
        var xs = new T[length];
        var ys = new T[length];
        xs.AsSpan().Fill(T.CreateTruncating(x));
        ys.AsSpan().Fill(T.CreateTruncating(y));
        T want = T.CreateTruncating(expected);
        CheckElement(TOp.Invoke(xs[0], ys[0]), want, $"scalar oracle at ({x}, {y})", 1, 0, tolerance);
        var output = new T[length];
        Elementwise.Binary<T, TOp>(xs, ys, output, width);
        for (int i = 0; i < length; i++) CheckElement(output[i], want, $"at ({x}, {y})", length, i, tolerance);
        Elementwise.BinaryScalarRight<T, TOp>(xs, ys[0], output, width);
        for (int i = 0; i < length; i++) CheckElement(output[i], want, $"BinaryScalarRight at ({x}, {y})", length, i, tolerance);
        Elementwise.BinaryScalarLeft<T, TOp>(xs[0], ys, output, width);
        for (int i = 0; i < length; i++) CheckElement(output[i], want, $"BinaryScalarLeft at ({x}, {y})", length, i, tolerance);
        CheckElement(TOp.Invoke(Vector128.Create(xs[0]), Vector128.Create(ys[0]))[0], want, $"Vector128 at ({x}, {y})", 1, 0, tolerance);
        CheckElement(TOp.Invoke(Vector256.Create(xs[0]), Vector256.Create(ys[0]))[0], want, $"Vector256 at ({x}, {y})", 1, 0, tolerance);
        CheckElement(TOp.Invoke(Vector512.Create(xs[0]), Vector512.Create(ys[0]))[0], want, $"Vector512 at ({x}, {y})", 1, 0, tolerance);
    }
}
