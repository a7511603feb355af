using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>peak = 12 chains × lanes × 2 flops × FMAs per second: one core's measured fused multiply-add rate at a vector
/// width, in GFLOP/s, the ceiling that benchmarks quote kernel rates against. Twelve independent accumulators cover two
/// FMA pipes × 4–6 cycles of latency on the x86 and ARM cores we run on, so the loop runs at the pipes' throughput.</summary>
internal static class FmaPeak
{
    /// <summary>The best of five ≈ 10 ms trials at <paramref name="width"/> (at most the machine's widest).</summary>
    public static double GflopsPerCore<T>(VectorWidth width) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorWidths.For<T>(width) switch
        {
            VectorWidth.Bits512 => Best<T, Vector512<T>, Width512<T>>(),
            VectorWidth.Bits256 => Best<T, Vector256<T>, Width256<T>>(),
            VectorWidth.Bits128 => Best<T, Vector128<T>, Width128<T>>(),
            _ => Best<T, T, WidthScalar<T>>(),
        };

    private static double Best<T, TVec, TW>() where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        const int iterations = 2_000_000;
        double best = 0;
        for (int trial = 0; trial < 5; trial++)
        {
            long start = Stopwatch.GetTimestamp();
            var sink = Chains<T, TVec, TW>(iterations);
            double seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            best = Math.Max(best, 12.0 * iterations * TW.Count * 2 / seconds / 1e9 + (T.IsNaN(sink) ? 0 : 0));
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Chains<T, TVec, TW>(int iterations) where T : unmanaged, IFloatingPointIeee754<T> where TVec : unmanaged where TW : IVectorWidth<T, TVec>
    {
        TVec m = TW.Create(T.CreateTruncating(0.999)), a0 = TW.Create(T.One), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0,
            a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++)
        {
            a0 = TW.MultiplyAdd(a0, m, m); a1 = TW.MultiplyAdd(a1, m, m); a2 = TW.MultiplyAdd(a2, m, m); a3 = TW.MultiplyAdd(a3, m, m);
            a4 = TW.MultiplyAdd(a4, m, m); a5 = TW.MultiplyAdd(a5, m, m); a6 = TW.MultiplyAdd(a6, m, m); a7 = TW.MultiplyAdd(a7, m, m);
            a8 = TW.MultiplyAdd(a8, m, m); a9 = TW.MultiplyAdd(a9, m, m); a10 = TW.MultiplyAdd(a10, m, m); a11 = TW.MultiplyAdd(a11, m, m);
        }
        return TW.Sum(TW.Add(TW.Add(TW.Add(a0, a1), TW.Add(a2, a3)), TW.Add(TW.Add(TW.Add(a4, a5), TW.Add(a6, a7)), TW.Add(TW.Add(a8, a9), TW.Add(a10, a11)))));
    }
}
