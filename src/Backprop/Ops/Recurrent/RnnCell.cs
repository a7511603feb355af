using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Ops.Recurrent;

/// <summary>One step of a simple recurrent cell, a⟨t⟩ = tanh(x⟨t⟩·Wxᵀ + a⟨t−1⟩·Whᵀ + b) — the course's rnn_cell_forward
/// (a_next = tanh(Wax·xt + Waa·a_prev + ba)) with examples as rows. Backward: dz = da ∘ (1 − a²), da⟨t−1⟩ = dz·Wh.
/// The building block of <see cref="RnnNode{T}"/> and of the course's step-by-step functions.</summary>
public static class RnnCell
{
    /// <summary>h = tanh(h + hPrev·Whᵀ): <paramref name="h"/> comes in holding x·Wxᵀ + b (m × H rows) and leaves holding a⟨t⟩.</summary>
    public static void Forward<T>(int m, int hidden, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> wh, Span<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Gemm.Multiply(false, true, m, hidden, hidden, T.One, hPrev, hidden, wh, hidden, T.One, h, hidden);
        Hyperbolic.Tanh<T>(h, h);
    }

    /// <summary>dz = dh ∘ (1 − h²) in place over <paramref name="dz"/> (which comes in holding dh), then dhPrev = dz·Wh.</summary>
    public static void Backward<T>(int m, int hidden, ReadOnlySpan<T> h, ReadOnlySpan<T> wh, Span<T> dz, Span<T> dhPrev)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < dz.Length; i++) dz[i] *= T.One - h[i] * h[i];
        Gemm.Multiply(false, false, m, hidden, hidden, T.One, dz, hidden, wh, hidden, T.Zero, dhPrev, hidden);
    }
}
