using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>The register blocks of <see cref="DirectConv"/>, written once over the vector width. Every output element gets
/// multiply-add chains in an order fixed by the shape alone (Z: kernel row p, then tap u = q·n_C_prev + c; dW: pixel by
/// pixel, in two chains in <see cref="WeightGradient6x1"/>), never by the thread count.</summary>
internal static unsafe class DirectConvTiles
{
    /// <summary>Z[pixel r, v0 .. v0 + 2L) = b + Σ_p Σ_u x̃[x0 + r·step + p·rowLength + u] · Wp[(p·segment + u)·ldw + v0 ..] for
    /// r &lt; count ≤ 6 pixels of one output row: 6 × 2 vectors of accumulators, 2 weight vectors, one broadcast.
    /// Pixels past count repeat pixel 0 (always in range) and are not stored; <paramref name="lanes"/> ≤ 2L are stored per pixel,
    /// <paramref name="lastLanes"/> for the last one (see <see cref="DirectConvPasses.Forward{T, TVec, TW}"/> for when the
    /// stores may be whole vectors that run into the next pixel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Forward6x2<T, TVec, TW>(T* x0, nint step, int count, nint rowLength, int kernelRows, int segment,
        T* w, nint ldw, T* bias, T* z, nint ldz, int lanes, int lastLanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec c00 = TW.Load(bias), c01 = TW.Load(bias + TW.Count);
        TVec c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01, c40 = c00, c41 = c01, c50 = c00, c51 = c01;
        T* x1 = x0 + (count > 1 ? step : 0), x2 = x0 + (count > 2 ? 2 * step : 0), x3 = x0 + (count > 3 ? 3 * step : 0);
        T* x4 = x0 + (count > 4 ? 4 * step : 0), x5 = x0 + (count > 5 ? 5 * step : 0);
        for (int p = 0; p < kernelRows; p++)
        {
            nint row = p * rowLength;
            T* wp = w + p * segment * ldw;
            for (int u = 0; u < segment; u++, wp += ldw)
            {
                var b0 = TW.Load(wp);
                var b1 = TW.Load(wp + TW.Count);
                nint at = row + u;
                TVec a;
                a = TW.Create(x0[at]); c00 = TW.MultiplyAdd(a, b0, c00); c01 = TW.MultiplyAdd(a, b1, c01);
                a = TW.Create(x1[at]); c10 = TW.MultiplyAdd(a, b0, c10); c11 = TW.MultiplyAdd(a, b1, c11);
                a = TW.Create(x2[at]); c20 = TW.MultiplyAdd(a, b0, c20); c21 = TW.MultiplyAdd(a, b1, c21);
                a = TW.Create(x3[at]); c30 = TW.MultiplyAdd(a, b0, c30); c31 = TW.MultiplyAdd(a, b1, c31);
                a = TW.Create(x4[at]); c40 = TW.MultiplyAdd(a, b0, c40); c41 = TW.MultiplyAdd(a, b1, c41);
                a = TW.Create(x5[at]); c50 = TW.MultiplyAdd(a, b0, c50); c51 = TW.MultiplyAdd(a, b1, c51);
            }
        }
        Store2<T, TVec, TW>(z, c00, c01, count == 1 ? lastLanes : lanes);
        if (count > 1) Store2<T, TVec, TW>(z + ldz, c10, c11, count == 2 ? lastLanes : lanes);
        if (count > 2) Store2<T, TVec, TW>(z + 2 * ldz, c20, c21, count == 3 ? lastLanes : lanes);
        if (count > 3) Store2<T, TVec, TW>(z + 3 * ldz, c30, c31, count == 4 ? lastLanes : lanes);
        if (count > 4) Store2<T, TVec, TW>(z + 4 * ldz, c40, c41, count == 5 ? lastLanes : lanes);
        if (count > 5) Store2<T, TVec, TW>(z + 5 * ldz, c50, c51, count == 6 ? lastLanes : lanes);
    }

    /// <summary>As <see cref="Forward6x2"/> with one vector of filters (F − v0 ≤ L), for up to 6 pixels of two output rows
    /// at once (the second <paramref name="rowStep"/> further in x̃, stored at <paramref name="z2"/> when
    /// <paramref name="second"/>): 12 accumulators, since 6 chains cannot cover the FMA latency (2 pipes × 4 cycles), with
    /// 6 pixel pointers (12 would not fit the general registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Forward6x1x2<T, TVec, TW>(T* x0, nint step, int count, nint rowStep, bool second, nint rowLength, int kernelRows,
        int segment, T* w, nint ldw, T* bias, T* z, T* z2, nint ldz, int lanes, int lastLanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec c0 = TW.Load(bias), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, d0 = c0, d1 = c0, d2 = c0, d3 = c0, d4 = c0, d5 = c0;
        T* x1 = x0 + (count > 1 ? 1 * step : 0), x2 = x0 + (count > 2 ? 2 * step : 0), x3 = x0 + (count > 3 ? 3 * step : 0), x4 = x0 + (count > 4 ? 4 * step : 0), x5 = x0 + (count > 5 ? 5 * step : 0);
        if (!second) rowStep = 0;
        for (int p = 0; p < kernelRows; p++)
        {
            nint row = p * rowLength;
            T* wp = w + p * segment * ldw;
            for (int u = 0; u < segment; u++, wp += ldw)
            {
                var b = TW.Load(wp);
                nint at = row + u, at2 = at + rowStep;
                TVec a;
                a = TW.Create(x0[at]); c0 = TW.MultiplyAdd(a, b, c0); a = TW.Create(x0[at2]); d0 = TW.MultiplyAdd(a, b, d0);
                a = TW.Create(x1[at]); c1 = TW.MultiplyAdd(a, b, c1); a = TW.Create(x1[at2]); d1 = TW.MultiplyAdd(a, b, d1);
                a = TW.Create(x2[at]); c2 = TW.MultiplyAdd(a, b, c2); a = TW.Create(x2[at2]); d2 = TW.MultiplyAdd(a, b, d2);
                a = TW.Create(x3[at]); c3 = TW.MultiplyAdd(a, b, c3); a = TW.Create(x3[at2]); d3 = TW.MultiplyAdd(a, b, d3);
                a = TW.Create(x4[at]); c4 = TW.MultiplyAdd(a, b, c4); a = TW.Create(x4[at2]); d4 = TW.MultiplyAdd(a, b, d4);
                a = TW.Create(x5[at]); c5 = TW.MultiplyAdd(a, b, c5); a = TW.Create(x5[at2]); d5 = TW.MultiplyAdd(a, b, d5);
            }
        }
        Store1<T, TVec, TW>(z, c0, count == 1 ? lastLanes : lanes);
        if (count > 1) Store1<T, TVec, TW>(z + 1 * ldz, c1, count == 2 ? lastLanes : lanes);
        if (count > 2) Store1<T, TVec, TW>(z + 2 * ldz, c2, count == 3 ? lastLanes : lanes);
        if (count > 3) Store1<T, TVec, TW>(z + 3 * ldz, c3, count == 4 ? lastLanes : lanes);
        if (count > 4) Store1<T, TVec, TW>(z + 4 * ldz, c4, count == 5 ? lastLanes : lanes);
        if (count > 5) Store1<T, TVec, TW>(z + 5 * ldz, c5, count == 6 ? lastLanes : lanes);
        if (!second) return;
        Store1<T, TVec, TW>(z2, d0, count == 1 ? lastLanes : lanes);
        if (count > 1) Store1<T, TVec, TW>(z2 + 1 * ldz, d1, count == 2 ? lastLanes : lanes);
        if (count > 2) Store1<T, TVec, TW>(z2 + 2 * ldz, d2, count == 3 ? lastLanes : lanes);
        if (count > 3) Store1<T, TVec, TW>(z2 + 3 * ldz, d3, count == 4 ? lastLanes : lanes);
        if (count > 4) Store1<T, TVec, TW>(z2 + 4 * ldz, d4, count == 5 ? lastLanes : lanes);
        if (count > 5) Store1<T, TVec, TW>(z2 + 5 * ldz, d5, count == 6 ? lastLanes : lanes);
    }

    /// <summary>dW[u0 + r, v0 .. v0 + 2L) += Σ_(i, j) x̃[x + i·rowStep + j·step + r] · dZ[(i·n_W + j)·ldd + v0 ..] for 6 taps r of
    /// one kernel row over one image's output pixels, in (i, j) order: 6 × 2 accumulators loaded from and stored back to the
    /// partial dW (rows r &lt; taps stored; the others read taps of the next pixel, within x̃'s slack, and are dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void WeightGradient6x2<T, TVec, TW>(T* x, nint rowStep, nint step, int outHeight, int outWidth,
        T* dz, nint ldd, T* dw, nint ldw, int taps)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        nint L = TW.Count;
        TVec c00 = TW.Load(dw), c01 = TW.Load(dw + L), c10 = TW.Zero, c11 = c10, c20 = c10, c21 = c10, c30 = c10, c31 = c10,
            c40 = c10, c41 = c10, c50 = c10, c51 = c10;
        if (taps > 1) { c10 = TW.Load(dw + ldw); c11 = TW.Load(dw + ldw + L); }
        if (taps > 2) { c20 = TW.Load(dw + 2 * ldw); c21 = TW.Load(dw + 2 * ldw + L); }
        if (taps > 3) { c30 = TW.Load(dw + 3 * ldw); c31 = TW.Load(dw + 3 * ldw + L); }
        if (taps > 4) { c40 = TW.Load(dw + 4 * ldw); c41 = TW.Load(dw + 4 * ldw + L); }
        if (taps > 5) { c50 = TW.Load(dw + 5 * ldw); c51 = TW.Load(dw + 5 * ldw + L); }
        for (int i = 0; i < outHeight; i++)
        {
            T* a = x + i * rowStep;
            T* d = dz + i * outWidth * ldd;
            for (int j = 0; j < outWidth; j++, a += step, d += ldd)
            {
                var d0 = TW.Load(d);
                var d1 = TW.Load(d + L);
                TVec s;
                s = TW.Create(a[0]); c00 = TW.MultiplyAdd(s, d0, c00); c01 = TW.MultiplyAdd(s, d1, c01);
                s = TW.Create(a[1]); c10 = TW.MultiplyAdd(s, d0, c10); c11 = TW.MultiplyAdd(s, d1, c11);
                s = TW.Create(a[2]); c20 = TW.MultiplyAdd(s, d0, c20); c21 = TW.MultiplyAdd(s, d1, c21);
                s = TW.Create(a[3]); c30 = TW.MultiplyAdd(s, d0, c30); c31 = TW.MultiplyAdd(s, d1, c31);
                s = TW.Create(a[4]); c40 = TW.MultiplyAdd(s, d0, c40); c41 = TW.MultiplyAdd(s, d1, c41);
                s = TW.Create(a[5]); c50 = TW.MultiplyAdd(s, d0, c50); c51 = TW.MultiplyAdd(s, d1, c51);
            }
        }
        TW.Store(c00, dw); TW.Store(c01, dw + L);
        if (taps > 1) { TW.Store(c10, dw + ldw); TW.Store(c11, dw + ldw + L); }
        if (taps > 2) { TW.Store(c20, dw + 2 * ldw); TW.Store(c21, dw + 2 * ldw + L); }
        if (taps > 3) { TW.Store(c30, dw + 3 * ldw); TW.Store(c31, dw + 3 * ldw + L); }
        if (taps > 4) { TW.Store(c40, dw + 4 * ldw); TW.Store(c41, dw + 4 * ldw + L); }
        if (taps > 5) { TW.Store(c50, dw + 5 * ldw); TW.Store(c51, dw + 5 * ldw + L); }
    }

    /// <summary>As <see cref="WeightGradient6x2"/> with one vector of filters, for kernel rows of fewer than 12 taps: 6 taps ×
    /// 2 chains (the even and the odd pixels of each output row, added at the end), since 6 chains alone cannot cover the
    /// FMA latency (2 pipes × 4 cycles). The order is still fixed by the shape alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void WeightGradient6x1<T, TVec, TW>(T* x, nint rowStep, nint step, int outHeight, int outWidth,
        T* dz, nint ldd, T* dw, nint ldw, int taps)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec c0 = TW.Load(dw), c1 = TW.Zero, c2 = c1, c3 = c1, c4 = c1, c5 = c1;
        TVec e0 = TW.Zero, e1 = e0, e2 = e0, e3 = e0, e4 = e0, e5 = e0;
        if (taps > 1) c1 = TW.Load(dw + ldw);
        if (taps > 2) c2 = TW.Load(dw + 2 * ldw);
        if (taps > 3) c3 = TW.Load(dw + 3 * ldw);
        if (taps > 4) c4 = TW.Load(dw + 4 * ldw);
        if (taps > 5) c5 = TW.Load(dw + 5 * ldw);
        for (int i = 0; i < outHeight; i++)
        {
            T* a = x + i * rowStep;
            T* d = dz + i * outWidth * ldd;
            int j = 0;
            for (; j + 1 < outWidth; j += 2, a += 2 * step, d += 2 * ldd)
            {
                var d0 = TW.Load(d);
                var d1 = TW.Load(d + ldd);
                T* b = a + step;
                c0 = TW.MultiplyAdd(TW.Create(a[0]), d0, c0); e0 = TW.MultiplyAdd(TW.Create(b[0]), d1, e0);
                c1 = TW.MultiplyAdd(TW.Create(a[1]), d0, c1); e1 = TW.MultiplyAdd(TW.Create(b[1]), d1, e1);
                c2 = TW.MultiplyAdd(TW.Create(a[2]), d0, c2); e2 = TW.MultiplyAdd(TW.Create(b[2]), d1, e2);
                c3 = TW.MultiplyAdd(TW.Create(a[3]), d0, c3); e3 = TW.MultiplyAdd(TW.Create(b[3]), d1, e3);
                c4 = TW.MultiplyAdd(TW.Create(a[4]), d0, c4); e4 = TW.MultiplyAdd(TW.Create(b[4]), d1, e4);
                c5 = TW.MultiplyAdd(TW.Create(a[5]), d0, c5); e5 = TW.MultiplyAdd(TW.Create(b[5]), d1, e5);
            }
            if (j < outWidth)
            {
                var d0 = TW.Load(d);
                c0 = TW.MultiplyAdd(TW.Create(a[0]), d0, c0);
                c1 = TW.MultiplyAdd(TW.Create(a[1]), d0, c1);
                c2 = TW.MultiplyAdd(TW.Create(a[2]), d0, c2);
                c3 = TW.MultiplyAdd(TW.Create(a[3]), d0, c3);
                c4 = TW.MultiplyAdd(TW.Create(a[4]), d0, c4);
                c5 = TW.MultiplyAdd(TW.Create(a[5]), d0, c5);
            }
        }
        TW.Store(TW.Add(c0, e0), dw);
        if (taps > 1) TW.Store(TW.Add(c1, e1), dw + ldw);
        if (taps > 2) TW.Store(TW.Add(c2, e2), dw + 2 * ldw);
        if (taps > 3) TW.Store(TW.Add(c3, e3), dw + 3 * ldw);
        if (taps > 4) TW.Store(TW.Add(c4, e4), dw + 4 * ldw);
        if (taps > 5) TW.Store(TW.Add(c5, e5), dw + 5 * ldw);
    }

    /// <summary>As <see cref="WeightGradient6x1"/> for up to 12 taps (one vector of filters: 12 chains cover the FMA
    /// latency, 6 do not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void WeightGradient12x1<T, TVec, TW>(T* x, nint rowStep, nint step, int outHeight, int outWidth,
        T* dz, nint ldd, T* dw, nint ldw, int taps)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec c0 = TW.Load(dw), c1 = TW.Zero, c2 = c1, c3 = c1, c4 = c1, c5 = c1, c6 = c1, c7 = c1, c8 = c1, c9 = c1, c10 = c1, c11 = c1;
        if (taps > 1) c1 = TW.Load(dw + 1 * ldw);
        if (taps > 2) c2 = TW.Load(dw + 2 * ldw);
        if (taps > 3) c3 = TW.Load(dw + 3 * ldw);
        if (taps > 4) c4 = TW.Load(dw + 4 * ldw);
        if (taps > 5) c5 = TW.Load(dw + 5 * ldw);
        if (taps > 6) c6 = TW.Load(dw + 6 * ldw);
        if (taps > 7) c7 = TW.Load(dw + 7 * ldw);
        if (taps > 8) c8 = TW.Load(dw + 8 * ldw);
        if (taps > 9) c9 = TW.Load(dw + 9 * ldw);
        if (taps > 10) c10 = TW.Load(dw + 10 * ldw);
        if (taps > 11) c11 = TW.Load(dw + 11 * ldw);
        for (int i = 0; i < outHeight; i++)
        {
            T* a = x + i * rowStep;
            T* d = dz + i * outWidth * ldd;
            for (int j = 0; j < outWidth; j++, a += step, d += ldd)
            {
                var d0 = TW.Load(d);
                c0 = TW.MultiplyAdd(TW.Create(a[0]), d0, c0);
                c1 = TW.MultiplyAdd(TW.Create(a[1]), d0, c1);
                c2 = TW.MultiplyAdd(TW.Create(a[2]), d0, c2);
                c3 = TW.MultiplyAdd(TW.Create(a[3]), d0, c3);
                c4 = TW.MultiplyAdd(TW.Create(a[4]), d0, c4);
                c5 = TW.MultiplyAdd(TW.Create(a[5]), d0, c5);
                c6 = TW.MultiplyAdd(TW.Create(a[6]), d0, c6);
                c7 = TW.MultiplyAdd(TW.Create(a[7]), d0, c7);
                c8 = TW.MultiplyAdd(TW.Create(a[8]), d0, c8);
                c9 = TW.MultiplyAdd(TW.Create(a[9]), d0, c9);
                c10 = TW.MultiplyAdd(TW.Create(a[10]), d0, c10);
                c11 = TW.MultiplyAdd(TW.Create(a[11]), d0, c11);
            }
        }
        TW.Store(c0, dw);
        if (taps > 1) TW.Store(c1, dw + 1 * ldw);
        if (taps > 2) TW.Store(c2, dw + 2 * ldw);
        if (taps > 3) TW.Store(c3, dw + 3 * ldw);
        if (taps > 4) TW.Store(c4, dw + 4 * ldw);
        if (taps > 5) TW.Store(c5, dw + 5 * ldw);
        if (taps > 6) TW.Store(c6, dw + 6 * ldw);
        if (taps > 7) TW.Store(c7, dw + 7 * ldw);
        if (taps > 8) TW.Store(c8, dw + 8 * ldw);
        if (taps > 9) TW.Store(c9, dw + 9 * ldw);
        if (taps > 10) TW.Store(c10, dw + 10 * ldw);
        if (taps > 11) TW.Store(c11, dw + 11 * ldw);
    }

    /// <summary>dx̃[t + u0 .. u0 + 4L) += Σ_f dZ[f] · Wᵀ[f·ldw + u0 ..] for one output pixel and one kernel row: 4 accumulators
    /// over the pixel's F filters. The transposed weights are zero past the segment, so the lanes past it add zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void InputGradient4<T, TVec, TW>(T* dz, int filters, T* wt, nint ldw, T* target)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        nint L = TW.Count;
        TVec c0 = TW.Zero, c1 = c0, c2 = c0, c3 = c0;
        T* w = wt;
        for (int f = 0; f < filters; f++, w += ldw)
        {
            var s = TW.Create(dz[f]);
            c0 = TW.MultiplyAdd(s, TW.Load(w), c0);
            c1 = TW.MultiplyAdd(s, TW.Load(w + L), c1);
            c2 = TW.MultiplyAdd(s, TW.Load(w + 2 * L), c2);
            c3 = TW.MultiplyAdd(s, TW.Load(w + 3 * L), c3);
        }
        TW.Store(TW.Add(TW.Load(target), c0), target);
        TW.Store(TW.Add(TW.Load(target + L), c1), target + L);
        TW.Store(TW.Add(TW.Load(target + 2 * L), c2), target + 2 * L);
        TW.Store(TW.Add(TW.Load(target + 3 * L), c3), target + 3 * L);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2<T, TVec, TW>(T* z, TVec v0, TVec v1, int lanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (lanes >= 2 * TW.Count) { TW.Store(v0, z); TW.Store(v1, z + TW.Count); return; }
        if (lanes >= TW.Count) { TW.Store(v0, z); Store1<T, TVec, TW>(z + TW.Count, v1, lanes - TW.Count); return; }
        Store1<T, TVec, TW>(z, v0, lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store1<T, TVec, TW>(T* z, TVec v, int lanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        if (lanes >= TW.Count) { TW.Store(v, z); return; }
        T* lane = (T*)Unsafe.AsPointer(ref v);
        for (int e = 0; e < lanes; e++) z[e] = lane[e];
    }
}
