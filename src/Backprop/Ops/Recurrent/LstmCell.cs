using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Ops.Recurrent;

/// <summary>One LSTM step with PyTorch's gate order [i, f, g, o] in each row of 4H pre-activations
/// z = x⟨t⟩·Wxᵀ + a⟨t−1⟩·Whᵀ + b: i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o), c⟨t⟩ = f ∘ c⟨t−1⟩ + i ∘ g,
/// a⟨t⟩ = o ∘ tanh(c⟨t⟩) — the course's lstm_cell_forward (Γu = i, Γf = f, c̃ = g, Γo = o). Backward:
/// dc = da ∘ o ∘ (1 − tanh²c) + dc⟨t+1⟩, do = da ∘ tanh c, di = dc ∘ g, dg = dc ∘ i, df = dc ∘ c⟨t−1⟩, dc⟨t−1⟩ = dc ∘ f,
/// each gate's pre-activation gradient times σ′ = s(1 − s) or tanh′ = 1 − g². Used by <see cref="LstmNode{T}"/> and the
/// course's step functions.</summary>
public static class LstmCell
{
    /// <summary>Activates <paramref name="gates"/> (m × 4H, holding x·Wxᵀ + b; hPrev·Whᵀ is added here) in place and
    /// writes c⟨t⟩, tanh(c⟨t⟩) and a⟨t⟩ (each m × H).</summary>
    public static void Forward<T>(int m, int hidden, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> wh,
        Span<T> gates, Span<T> c, Span<T> tanhC, Span<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int g4 = 4 * hidden;
        Gemm.Multiply(false, true, m, g4, hidden, T.One, hPrev, hidden, wh, hidden, T.One, gates, g4);
        Activate(m, hidden, gates);
        for (int r = 0; r < m; r++)
        {
            var row = gates.Slice(r * g4, g4);
            int o = r * hidden;
            for (int j = 0; j < hidden; j++)
                c[o + j] = row[hidden + j] * cPrev[o + j] + row[j] * row[2 * hidden + j];
        }
        Hyperbolic.Tanh<T>(c, tanhC);
        for (int r = 0; r < m; r++)
        {
            var outGate = gates.Slice(r * g4 + 3 * hidden, hidden);
            int o = r * hidden;
            for (int j = 0; j < hidden; j++) h[o + j] = outGate[j] * tanhC[o + j];
        }
    }

    /// <summary>i, f, o = σ(·) and g = tanh(·) over each row's four blocks of H pre-activations.</summary>
    public static void Activate<T>(int m, int hidden, Span<T> gates) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int g4 = 4 * hidden;
        for (int r = 0; r < m; r++)
        {
            var row = gates.Slice(r * g4, g4);
            Elementwise.Unary<T, SigmoidOperator<T>>(row[..(2 * hidden)], row[..(2 * hidden)]);
            Hyperbolic.Tanh<T>(row.Slice(2 * hidden, hidden), row.Slice(2 * hidden, hidden));
            Elementwise.Unary<T, SigmoidOperator<T>>(row.Slice(3 * hidden, hidden), row.Slice(3 * hidden, hidden));
        }
    }

    /// <summary>From dh (m × H) and <paramref name="dc"/> (in: ∂J/∂c⟨t⟩ from later steps; out: ∂J/∂c⟨t−1⟩), writes the
    /// pre-activation gradients <paramref name="dGates"/> (m × 4H). The caller adds dGates·Wh to ∂J/∂a⟨t−1⟩.</summary>
    public static void Backward<T>(int m, int hidden, ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC,
        ReadOnlySpan<T> dh, Span<T> dc, Span<T> dGates) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int g4 = 4 * hidden;
        for (int r = 0; r < m; r++)
        {
            var row = gates.Slice(r * g4, g4);
            var drow = dGates.Slice(r * g4, g4);
            int o = r * hidden;
            for (int j = 0; j < hidden; j++)
            {
                T i = row[j], f = row[hidden + j], g = row[2 * hidden + j], og = row[3 * hidden + j];
                T tc = tanhC[o + j], dhj = dh[o + j];
                T dcj = dc[o + j] + dhj * og * (T.One - tc * tc);
                drow[j] = dcj * g * i * (T.One - i);
                drow[hidden + j] = dcj * cPrev[o + j] * f * (T.One - f);
                drow[2 * hidden + j] = dcj * i * (T.One - g * g);
                drow[3 * hidden + j] = dhj * tc * og * (T.One - og);
                dc[o + j] = dcj * f;
            }
        }
    }
}
