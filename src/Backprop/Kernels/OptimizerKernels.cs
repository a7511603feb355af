using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>The fused update loops of the optimisers: one pass over θ, dθ and the optimiser's moment buffers per step.
/// Every vector form evaluates the same expression tree as the scalar tail (multiply and add separately, no fused
/// multiply-add; IEEE square root and division), so the two round identically and a float64 run matches NumPy's
/// course code bit for bit. Lengths are checked once at entry; θ and the buffers are updated in place.</summary>
public static class OptimizerKernels
{
    /// <summary>Momentum: v ← β·v + (1 − β)·g; θ ← θ − α·v.</summary>
    public static void Momentum<T>(Span<T> theta, Span<T> velocity, ReadOnlySpan<T> gradient, T beta, T oneMinusBeta, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Momentum(theta, velocity, gradient, beta, oneMinusBeta, alpha, VectorWidths.Widest);

    internal static void Momentum<T>(Span<T> theta, Span<T> velocity, ReadOnlySpan<T> gradient, T beta, T oneMinusBeta, T alpha, VectorWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, gradient.Length, velocity.Length, velocity.Length);
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T v = ref MemoryMarshal.GetReference(velocity);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        int n = theta.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Momentum<T, Vector512<T>, Width512<T>>(ref t, ref v, ref g, n, beta, oneMinusBeta, alpha),
            VectorWidth.Bits256 => Momentum<T, Vector256<T>, Width256<T>>(ref t, ref v, ref g, n, beta, oneMinusBeta, alpha),
            VectorWidth.Bits128 => Momentum<T, Vector128<T>, Width128<T>>(ref t, ref v, ref g, n, beta, oneMinusBeta, alpha),
            _ => 0,
        };
        Momentum<T, T, WidthScalar<T>>(ref Unsafe.Add(ref t, i), ref Unsafe.Add(ref v, i), ref Unsafe.Add(ref g, i), n - i, beta, oneMinusBeta, alpha);
    }

    /// <summary>RMSProp: s ← β·s + (1 − β)·g²; θ ← θ − α·g / (√s + ε).</summary>
    public static void RmsProp<T>(Span<T> theta, Span<T> squares, ReadOnlySpan<T> gradient, T beta, T oneMinusBeta, T alpha, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
        => RmsProp(theta, squares, gradient, beta, oneMinusBeta, alpha, epsilon, VectorWidths.Widest);

    internal static void RmsProp<T>(Span<T> theta, Span<T> squares, ReadOnlySpan<T> gradient, T beta, T oneMinusBeta, T alpha, T epsilon, VectorWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, gradient.Length, squares.Length, squares.Length);
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T s = ref MemoryMarshal.GetReference(squares);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        int n = theta.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => RmsProp<T, Vector512<T>, Width512<T>>(ref t, ref s, ref g, n, beta, oneMinusBeta, alpha, epsilon),
            VectorWidth.Bits256 => RmsProp<T, Vector256<T>, Width256<T>>(ref t, ref s, ref g, n, beta, oneMinusBeta, alpha, epsilon),
            VectorWidth.Bits128 => RmsProp<T, Vector128<T>, Width128<T>>(ref t, ref s, ref g, n, beta, oneMinusBeta, alpha, epsilon),
            _ => 0,
        };
        RmsProp<T, T, WidthScalar<T>>(ref Unsafe.Add(ref t, i), ref Unsafe.Add(ref s, i), ref Unsafe.Add(ref g, i), n - i, beta, oneMinusBeta, alpha, epsilon);
    }

    /// <summary>Adam: v ← β1·v + (1 − β1)·g; s ← β2·s + (1 − β2)·g²; v̂ = v / c1; ŝ = s / c2; θ ← θ − α·v̂ / (√ŝ + ε),
    /// where c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ are the bias corrections of step t (in <paramref name="k"/>).</summary>
    public static void Adam<T>(Span<T> theta, Span<T> velocity, Span<T> squares, ReadOnlySpan<T> gradient, in AdamCoefficients<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Adam(theta, velocity, squares, gradient, k, VectorWidths.Widest);

    internal static void Adam<T>(Span<T> theta, Span<T> velocity, Span<T> squares, ReadOnlySpan<T> gradient, in AdamCoefficients<T> k, VectorWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, gradient.Length, velocity.Length, squares.Length);
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T v = ref MemoryMarshal.GetReference(velocity);
        ref T s = ref MemoryMarshal.GetReference(squares);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        int n = theta.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Adam<T, Vector512<T>, Width512<T>>(ref t, ref v, ref s, ref g, n, k),
            VectorWidth.Bits256 => Adam<T, Vector256<T>, Width256<T>>(ref t, ref v, ref s, ref g, n, k),
            VectorWidth.Bits128 => Adam<T, Vector128<T>, Width128<T>>(ref t, ref v, ref s, ref g, n, k),
            _ => 0,
        };
        Adam<T, T, WidthScalar<T>>(ref Unsafe.Add(ref t, i), ref Unsafe.Add(ref v, i), ref Unsafe.Add(ref s, i), ref Unsafe.Add(ref g, i), n - i, k);
    }

    /// <summary>g ← g + λ·θ: adds the gradient of the L2 penalty (λ/2)·‖θ‖² to g.</summary>
    public static void AddScaled<T>(Span<T> gradient, ReadOnlySpan<T> theta, T lambda) where T : unmanaged, IFloatingPointIeee754<T>
        => AddScaled(gradient, theta, lambda, VectorWidths.Widest);

    internal static void AddScaled<T>(Span<T> gradient, ReadOnlySpan<T> theta, T lambda, VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, gradient.Length, theta.Length, theta.Length);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T t = ref MemoryMarshal.GetReference(theta);
        int n = theta.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => AddScaled<T, Vector512<T>, Width512<T>>(ref g, ref t, n, lambda),
            VectorWidth.Bits256 => AddScaled<T, Vector256<T>, Width256<T>>(ref g, ref t, n, lambda),
            VectorWidth.Bits128 => AddScaled<T, Vector128<T>, Width128<T>>(ref g, ref t, n, lambda),
            _ => 0,
        };
        AddScaled<T, T, WidthScalar<T>>(ref Unsafe.Add(ref g, i), ref Unsafe.Add(ref t, i), n - i, lambda);
    }

    /// <summary>Σ θ², in a fixed order for a given width (a vector of partial sums, then its lanes, then the tail), for the L2 penalty.</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> theta) where T : unmanaged, IFloatingPointIeee754<T> => SumOfSquares(theta, VectorWidths.Widest);

    internal static T SumOfSquares<T>(ReadOnlySpan<T> theta, VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T t = ref MemoryMarshal.GetReference(theta);
        int n = theta.Length, i = 0;
        T sum = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => SumOfSquares<T, Vector512<T>, Width512<T>>(ref t, n, ref i),
            VectorWidth.Bits256 => SumOfSquares<T, Vector256<T>, Width256<T>>(ref t, n, ref i),
            VectorWidth.Bits128 => SumOfSquares<T, Vector128<T>, Width128<T>>(ref t, n, ref i),
            _ => T.Zero,
        };
        for (; i < n; i++) sum += Unsafe.Add(ref t, i) * Unsafe.Add(ref t, i);
        return sum;
    }

    // One loop per rule, written over the width; the scalar tail is the same loop with WidthScalar (one lane).

    private static int Momentum<T, TVec, TW>(ref T t, ref T v, ref T g, int n, T beta, T oneMinusBeta, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec b = TW.Create(beta), c = TW.Create(oneMinusBeta), a = TW.Create(alpha);
        int i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
        {
            var vi = TW.Add(TW.Multiply(b, TW.Load(ref v, (nuint)i)), TW.Multiply(c, TW.Load(ref g, (nuint)i)));
            TW.Store(vi, ref v, (nuint)i);
            TW.Store(TW.Subtract(TW.Load(ref t, (nuint)i), TW.Multiply(a, vi)), ref t, (nuint)i);
        }
        return i;
    }

    private static int RmsProp<T, TVec, TW>(ref T t, ref T s, ref T g, int n, T beta, T oneMinusBeta, T alpha, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec b = TW.Create(beta), c = TW.Create(oneMinusBeta), a = TW.Create(alpha), e = TW.Create(epsilon);
        int i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
        {
            var gi = TW.Load(ref g, (nuint)i);
            var si = TW.Add(TW.Multiply(b, TW.Load(ref s, (nuint)i)), TW.Multiply(c, TW.Multiply(gi, gi)));
            TW.Store(si, ref s, (nuint)i);
            var step = TW.Divide(TW.Multiply(a, gi), TW.Add(TW.Sqrt(si), e));
            TW.Store(TW.Subtract(TW.Load(ref t, (nuint)i), step), ref t, (nuint)i);
        }
        return i;
    }

    private static int Adam<T, TVec, TW>(ref T t, ref T v, ref T s, ref T g, int n, in AdamCoefficients<T> k)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec b1 = TW.Create(k.Beta1), c1 = TW.Create(k.OneMinusBeta1), b2 = TW.Create(k.Beta2), c2 = TW.Create(k.OneMinusBeta2);
        TVec a = TW.Create(k.LearningRate), d1 = TW.Create(k.Correction1), d2 = TW.Create(k.Correction2), e = TW.Create(k.Epsilon);
        int i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
        {
            var gi = TW.Load(ref g, (nuint)i);
            var vi = TW.Add(TW.Multiply(b1, TW.Load(ref v, (nuint)i)), TW.Multiply(c1, gi));
            var si = TW.Add(TW.Multiply(b2, TW.Load(ref s, (nuint)i)), TW.Multiply(c2, TW.Multiply(gi, gi)));
            TW.Store(vi, ref v, (nuint)i);
            TW.Store(si, ref s, (nuint)i);
            var step = TW.Divide(TW.Multiply(a, TW.Divide(vi, d1)), TW.Add(TW.Sqrt(TW.Divide(si, d2)), e));
            TW.Store(TW.Subtract(TW.Load(ref t, (nuint)i), step), ref t, (nuint)i);
        }
        return i;
    }

    private static int AddScaled<T, TVec, TW>(ref T g, ref T t, int n, T lambda)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var l = TW.Create(lambda);
        int i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
            TW.Store(TW.Add(TW.Load(ref g, (nuint)i), TW.Multiply(l, TW.Load(ref t, (nuint)i))), ref g, (nuint)i);
        return i;
    }

    private static T SumOfSquares<T, TVec, TW>(ref T t, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var acc = TW.Zero;
        for (; i <= n - TW.Count; i += TW.Count)
        {
            var x = TW.Load(ref t, (nuint)i);
            acc = TW.Add(acc, TW.Multiply(x, x));
        }
        return TW.Sum(acc);
    }

    private static void CheckLengths(int theta, int gradient, int first, int second)
    {
        if (gradient != theta || first != theta || second != theta)
            throw new ArgumentException($"Length mismatch: parameter {theta}, gradient {gradient}, optimiser state {first} and {second}.");
    }
}

/// <summary>The scalars of one Adam step, already converted to T: β1, 1 − β1, β2, 1 − β2, α, the bias corrections
/// c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ, and ε.</summary>
public readonly record struct AdamCoefficients<T>(
    T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T LearningRate, T Correction1, T Correction2, T Epsilon)
    where T : unmanaged, IFloatingPointIeee754<T>;
