using System.Numerics;

namespace Backprop.Kernels;

/// <summary>One vector width as a type: the operations the kernels need on a vector <typeparamref name="TVec"/> of
/// <see cref="Count"/> elements of <typeparamref name="T"/>. Kernels are written once, generic over this interface, and
/// instantiated with <see cref="Width512{T}"/>, <see cref="Width256{T}"/>, <see cref="Width128{T}"/> or
/// <see cref="WidthScalar{T}"/>; the JIT specialises each instantiation, so the abstraction costs nothing.
/// <para><see cref="MultiplyAdd"/> is x·y + z with one rounding where the hardware has FMA (AVX2, AVX-512, NEON) and
/// with two where it has not (128-bit x86 without FMA, scalar): a software FMA would be ~20× slower.</para></summary>
internal unsafe interface IVectorWidth<T, TVec> where T : unmanaged where TVec : unmanaged
{
    static abstract int Count { get; }
    /// <summary>Whether <see cref="MultiplyAdd"/> rounds once (hardware FMA).</summary>
    static abstract bool Fused { get; }
    static abstract TVec Zero { get; }
    static abstract TVec Create(T x);
    static abstract TVec Load(T* p);
    static abstract void Store(TVec v, T* p);
    static abstract TVec Load(ref T origin, nuint index);
    static abstract void Store(TVec v, ref T origin, nuint index);
    static abstract TVec Add(TVec x, TVec y);
    static abstract TVec Subtract(TVec x, TVec y);
    static abstract TVec Multiply(TVec x, TVec y);
    static abstract TVec Divide(TVec x, TVec y);
    static abstract TVec Sqrt(TVec x);
    static abstract TVec MultiplyAdd(TVec x, TVec y, TVec z);
    /// <summary>Σ of the lanes, in the runtime's fixed order for this width.</summary>
    static abstract T Sum(TVec x);
    /// <summary>Where v &gt; best, or v is NaN and best is not: best = v and bestTag = vTag (lane by lane; the first maximum
    /// of a sequence, NaN winning, with its tag — max pooling's rule).</summary>
    static abstract void KeepMax(TVec v, TVec vTag, ref TVec best, ref TVec bestTag);
    static abstract TVec Apply<TOp>(TVec x) where TOp : IUnaryOperator<T>;
    static abstract TVec Apply<TOp>(TVec x, TVec y) where TOp : IBinaryOperator<T>;
}
