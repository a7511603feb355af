using System.Numerics;

namespace Backprop.Tests.Kernels;

/// <summary>How far a kernel result may sit from its expected value: |actual − expected| ≤ Ulps·ulp(expected) +
/// Epsilons·ε, with ε the machine epsilon of the element type. <see cref="Exact"/> asks for the same bits
/// (−0 differs from +0; any NaN matches any NaN).</summary>
public readonly record struct Tolerance(int Ulps, double Epsilons = 0)
{
    public static readonly Tolerance Exact = new(0);

    public bool IsExact => Ulps == 0 && Epsilons == 0;

    public bool Accepts<T>(T actual, T expected) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(actual) || T.IsNaN(expected)) return T.IsNaN(actual) && T.IsNaN(expected);
        if (actual == expected) return T.IsNegative(actual) == T.IsNegative(expected) || !IsExact;
        if (IsExact || !T.IsFinite(actual) || !T.IsFinite(expected)) return false;
        double difference = Math.Abs(double.CreateChecked(actual) - double.CreateChecked(expected));
        T magnitude = T.Abs(expected);
        double ulp = double.CreateChecked(T.BitIncrement(magnitude) - magnitude);
        double epsilon = double.CreateChecked(T.BitIncrement(T.One) - T.One);
        return difference <= Ulps * ulp + Epsilons * epsilon;
    }

    public override string ToString() => IsExact ? "exact" : Epsilons == 0 ? $"{Ulps} ulp" : $"{Ulps} ulp + {Epsilons} ε";
}
