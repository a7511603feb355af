using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Ops.Recurrent;

/// <summary>One GRU step with PyTorch's gate order [r, z, n]: with x-part u = x⟨t⟩·Wxᵀ + bx and hidden part
/// v = h⟨t−1⟩·Whᵀ + bh (each 3H per row), r = σ(u_r + v_r), z = σ(u_z + v_z), n = tanh(u_n + r ∘ v_n),
/// h⟨t⟩ = (1 − z) ∘ n + z ∘ h⟨t−1⟩ (z weights the old state; the course's Γu is 1 − z). Backward: dn = dh ∘ (1 − z),
/// dz = dh ∘ (h⟨t−1⟩ − n), dû_n = dn ∘ (1 − n²), dv_n = dû_n ∘ r, dr = dû_n ∘ v_n, dû_r = dv_r = dr ∘ r(1 − r),
/// dû_z = dv_z = dz ∘ z(1 − z), dh⟨t−1⟩ = dh ∘ z + dv·Wh. Used by <see cref="GruNode{T}"/>.</summary>
public static class GruCell
{
    /// <summary>Writes v (m × 3H, pre-activation hidden part), the activated [r, z, n] and h⟨t⟩ from u (m × 3H).</summary>
    public static void Forward<T>(int m, int hidden, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> wh, ReadOnlySpan<T> bh,
        ReadOnlySpan<T> u, Span<T> v, Span<T> act, Span<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int g3 = 3 * hidden;
        for (int r = 0; r < m; r++) bh.CopyTo(v.Slice(r * g3, g3));
        Gemm.Multiply(false, true, m, g3, hidden, T.One, hPrev, hidden, wh, hidden, T.One, v, g3);
        for (int r = 0; r < m; r++)
        {
            int p = r * g3, o = r * hidden;
            var a = act.Slice(p, g3);
            for (int j = 0; j < 2 * hidden; j++) a[j] = u[p + j] + v[p + j];
            Elementwise.Unary<T, SigmoidOperator<T>>(a[..(2 * hidden)], a[..(2 * hidden)]);
            for (int j = 0; j < hidden; j++) a[2 * hidden + j] = u[p + 2 * hidden + j] + a[j] * v[p + 2 * hidden + j];
            Hyperbolic.Tanh<T>(a.Slice(2 * hidden, hidden), a.Slice(2 * hidden, hidden));
            for (int j = 0; j < hidden; j++)
            {
                T z = a[hidden + j];
                h[o + j] = (T.One - z) * a[2 * hidden + j] + z * hPrev[o + j];
            }
        }
    }

    /// <summary>From dh (m × H) writes the x-part gradients <paramref name="du"/> and hidden-part gradients
    /// <paramref name="dv"/> (m × 3H each) and the direct part of dh⟨t−1⟩ = dh ∘ z; the caller adds dv·Wh.</summary>
    public static void Backward<T>(int m, int hidden, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> v, ReadOnlySpan<T> act,
        ReadOnlySpan<T> dh, Span<T> du, Span<T> dv, Span<T> dhPrev) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int g3 = 3 * hidden;
        for (int r = 0; r < m; r++)
        {
            int p = r * g3, o = r * hidden;
            for (int j = 0; j < hidden; j++)
            {
                T rg = act[p + j], z = act[p + hidden + j], n = act[p + 2 * hidden + j], d = dh[o + j];
                T dnPre = d * (T.One - z) * (T.One - n * n);
                T dzPre = d * (hPrev[o + j] - n) * z * (T.One - z);
                T drPre = dnPre * v[p + 2 * hidden + j] * rg * (T.One - rg);
                du[p + j] = dv[p + j] = drPre;
                du[p + hidden + j] = dv[p + hidden + j] = dzPre;
                du[p + 2 * hidden + j] = dnPre;
                dv[p + 2 * hidden + j] = dnPre * rg;
                dhPrev[o + j] = d * z;
            }
        }
    }
}
