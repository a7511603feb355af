using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>θ ← θ − α·g, the gradient-descent step, vectorised. Multiply then subtract (no fused multiply-add),
/// so a float64 run rounds exactly as NumPy's <c>W = W - learning_rate * dW</c>.</summary>
public static class ParameterUpdate
{
    public static void SubtractScaled<T>(Span<T> theta, ReadOnlySpan<T> gradient, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (theta.Length != gradient.Length) throw new ArgumentException($"Length mismatch: parameter {theta.Length}, gradient {gradient.Length}.");
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        int n = theta.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var a = Vector512.Create(alpha);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref t, (nuint)i) - a * Vector512.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref t, i) -= alpha * Unsafe.Add(ref g, i);
    }
}
