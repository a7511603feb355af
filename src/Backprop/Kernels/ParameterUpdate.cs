using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>θ ← θ − α·g, the gradient-descent step, vectorised at every width. Multiply then subtract (no fused
/// multiply-add), so a float64 run rounds exactly as NumPy's <c>W = W - learning_rate * dW</c>, at any width.</summary>
public static class ParameterUpdate
{
    public static void SubtractScaled<T>(Span<T> theta, ReadOnlySpan<T> gradient, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
        => SubtractScaled(theta, gradient, alpha, VectorWidths.Widest);

    internal static void SubtractScaled<T>(Span<T> theta, ReadOnlySpan<T> gradient, T alpha, VectorWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (theta.Length != gradient.Length) throw new ArgumentException($"Length mismatch: parameter {theta.Length}, gradient {gradient.Length}.");
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        int n = theta.Length;
        int i = VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Loop<T, Vector512<T>, Width512<T>>(ref t, ref g, alpha, n),
            VectorWidth.Bits256 => Loop<T, Vector256<T>, Width256<T>>(ref t, ref g, alpha, n),
            VectorWidth.Bits128 => Loop<T, Vector128<T>, Width128<T>>(ref t, ref g, alpha, n),
            _ => 0,
        };
        for (; i < n; i++) Unsafe.Add(ref t, i) -= alpha * Unsafe.Add(ref g, i);
    }

    private static int Loop<T, TVec, TW>(ref T t, ref T g, T alpha, int n)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        var a = TW.Create(alpha);
        int i = 0;
        for (; i <= n - TW.Count; i += TW.Count)
            TW.Store(TW.Subtract(TW.Load(ref t, (nuint)i), TW.Multiply(a, TW.Load(ref g, (nuint)i))), ref t, (nuint)i);
        return i;
    }
}
