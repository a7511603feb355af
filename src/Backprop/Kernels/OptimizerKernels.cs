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
    {
        CheckLengths(theta.Length, gradient.Length, velocity.Length, velocity.Length);
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T v = ref MemoryMarshal.GetReference(velocity);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        int n = theta.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> b = Vector512.Create(beta), c = Vector512.Create(oneMinusBeta), a = Vector512.Create(alpha);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var vi = b * Vector512.LoadUnsafe(ref v, (nuint)i) + c * Vector512.LoadUnsafe(ref g, (nuint)i);
                vi.StoreUnsafe(ref v, (nuint)i);
                (Vector512.LoadUnsafe(ref t, (nuint)i) - a * vi).StoreUnsafe(ref t, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            Vector256<T> b = Vector256.Create(beta), c = Vector256.Create(oneMinusBeta), a = Vector256.Create(alpha);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var vi = b * Vector256.LoadUnsafe(ref v, (nuint)i) + c * Vector256.LoadUnsafe(ref g, (nuint)i);
                vi.StoreUnsafe(ref v, (nuint)i);
                (Vector256.LoadUnsafe(ref t, (nuint)i) - a * vi).StoreUnsafe(ref t, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            T vi = beta * Unsafe.Add(ref v, i) + oneMinusBeta * Unsafe.Add(ref g, i);
            Unsafe.Add(ref v, i) = vi;
            Unsafe.Add(ref t, i) -= alpha * vi;
        }
    }

    /// <summary>RMSProp: s ← β·s + (1 − β)·g²; θ ← θ − α·g / (√s + ε).</summary>
    public static void RmsProp<T>(Span<T> theta, Span<T> squares, ReadOnlySpan<T> gradient, T beta, T oneMinusBeta, T alpha, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, gradient.Length, squares.Length, squares.Length);
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T s = ref MemoryMarshal.GetReference(squares);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        int n = theta.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> b = Vector512.Create(beta), c = Vector512.Create(oneMinusBeta), a = Vector512.Create(alpha), e = Vector512.Create(epsilon);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var gi = Vector512.LoadUnsafe(ref g, (nuint)i);
                var si = b * Vector512.LoadUnsafe(ref s, (nuint)i) + c * (gi * gi);
                si.StoreUnsafe(ref s, (nuint)i);
                (Vector512.LoadUnsafe(ref t, (nuint)i) - a * gi / (Vector512.Sqrt(si) + e)).StoreUnsafe(ref t, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            Vector256<T> b = Vector256.Create(beta), c = Vector256.Create(oneMinusBeta), a = Vector256.Create(alpha), e = Vector256.Create(epsilon);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Vector256.LoadUnsafe(ref g, (nuint)i);
                var si = b * Vector256.LoadUnsafe(ref s, (nuint)i) + c * (gi * gi);
                si.StoreUnsafe(ref s, (nuint)i);
                (Vector256.LoadUnsafe(ref t, (nuint)i) - a * gi / (Vector256.Sqrt(si) + e)).StoreUnsafe(ref t, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            T gi = Unsafe.Add(ref g, i);
            T si = beta * Unsafe.Add(ref s, i) + oneMinusBeta * (gi * gi);
            Unsafe.Add(ref s, i) = si;
            Unsafe.Add(ref t, i) -= alpha * gi / (T.Sqrt(si) + epsilon);
        }
    }

    /// <summary>Adam: v ← β1·v + (1 − β1)·g; s ← β2·s + (1 − β2)·g²; v̂ = v / c1; ŝ = s / c2; θ ← θ − α·v̂ / (√ŝ + ε),
    /// where c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ are the bias corrections of step t (in <paramref name="k"/>).</summary>
    public static void Adam<T>(Span<T> theta, Span<T> velocity, Span<T> squares, ReadOnlySpan<T> gradient, in AdamCoefficients<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, gradient.Length, velocity.Length, squares.Length);
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T v = ref MemoryMarshal.GetReference(velocity);
        ref T s = ref MemoryMarshal.GetReference(squares);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        T b1 = k.Beta1, c1 = k.OneMinusBeta1, b2 = k.Beta2, c2 = k.OneMinusBeta2, a = k.LearningRate;
        T d1 = k.Correction1, d2 = k.Correction2, e = k.Epsilon;
        int n = theta.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> vb1 = Vector512.Create(b1), vc1 = Vector512.Create(c1), vb2 = Vector512.Create(b2), vc2 = Vector512.Create(c2);
            Vector512<T> va = Vector512.Create(a), vd1 = Vector512.Create(d1), vd2 = Vector512.Create(d2), ve = Vector512.Create(e);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var gi = Vector512.LoadUnsafe(ref g, (nuint)i);
                var vi = vb1 * Vector512.LoadUnsafe(ref v, (nuint)i) + vc1 * gi;
                var si = vb2 * Vector512.LoadUnsafe(ref s, (nuint)i) + vc2 * (gi * gi);
                vi.StoreUnsafe(ref v, (nuint)i);
                si.StoreUnsafe(ref s, (nuint)i);
                (Vector512.LoadUnsafe(ref t, (nuint)i) - va * (vi / vd1) / (Vector512.Sqrt(si / vd2) + ve)).StoreUnsafe(ref t, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            Vector256<T> vb1 = Vector256.Create(b1), vc1 = Vector256.Create(c1), vb2 = Vector256.Create(b2), vc2 = Vector256.Create(c2);
            Vector256<T> va = Vector256.Create(a), vd1 = Vector256.Create(d1), vd2 = Vector256.Create(d2), ve = Vector256.Create(e);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Vector256.LoadUnsafe(ref g, (nuint)i);
                var vi = vb1 * Vector256.LoadUnsafe(ref v, (nuint)i) + vc1 * gi;
                var si = vb2 * Vector256.LoadUnsafe(ref s, (nuint)i) + vc2 * (gi * gi);
                vi.StoreUnsafe(ref v, (nuint)i);
                si.StoreUnsafe(ref s, (nuint)i);
                (Vector256.LoadUnsafe(ref t, (nuint)i) - va * (vi / vd1) / (Vector256.Sqrt(si / vd2) + ve)).StoreUnsafe(ref t, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            T gi = Unsafe.Add(ref g, i);
            T vi = b1 * Unsafe.Add(ref v, i) + c1 * gi;
            T si = b2 * Unsafe.Add(ref s, i) + c2 * (gi * gi);
            Unsafe.Add(ref v, i) = vi;
            Unsafe.Add(ref s, i) = si;
            Unsafe.Add(ref t, i) -= a * (vi / d1) / (T.Sqrt(si / d2) + e);
        }
    }

    /// <summary>g ← g + λ·θ: adds the gradient of the L2 penalty (λ/2)·‖θ‖² to g.</summary>
    public static void AddScaled<T>(Span<T> gradient, ReadOnlySpan<T> theta, T lambda) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(theta.Length, gradient.Length, theta.Length, theta.Length);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T t = ref MemoryMarshal.GetReference(theta);
        int n = theta.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var l = Vector512.Create(lambda);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref g, (nuint)i) + l * Vector512.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref g, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var l = Vector256.Create(lambda);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref g, (nuint)i) + l * Vector256.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref g, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref g, i) += lambda * Unsafe.Add(ref t, i);
    }

    /// <summary>Σ θ², in a fixed order (a vector of partial sums, then its lanes, then the tail), for the L2 penalty.</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> theta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T t = ref MemoryMarshal.GetReference(theta);
        int n = theta.Length, i = 0;
        T sum = T.Zero;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var acc = Vector256<T>.Zero;
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var x = Vector256.LoadUnsafe(ref t, (nuint)i);
                acc += x * x;
            }
            for (int lane = 0; lane < Vector256<T>.Count; lane++) sum += acc[lane];
        }
        for (; i < n; i++) sum += Unsafe.Add(ref t, i) * Unsafe.Add(ref t, i);
        return sum;
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
