using System.Globalization;

namespace Backprop.Initializers;

/// <summary>The initialisers by name. Zeros shows the symmetry problem (every hidden unit computes the same function);
/// small random values (×0.01) break it and keep tanh/sigmoid out of their flat regions; randn/√n[l−1] keeps the
/// variance of Z near 1 in deep networks (the course's deep init); He (√(2/n[l−1])) suits ReLU; Xavier/Glorot
/// (√(2/(n[l−1] + n[l]))) suits tanh.</summary>
public static class Initializer
{
    public static IInitializer Zeros { get; } = new ZerosInitializer();
    public static IInitializer Small { get; } = new ScaledNormalInitializer(0.01);
    public static IInitializer Course { get; } = new FanInNormalInitializer();
    public static IInitializer He { get; } = new HeInitializer();
    public static IInitializer Xavier { get; } = new XavierInitializer();

    /// <summary>randn × <paramref name="scale"/>.</summary>
    public static IInitializer ScaledNormal(double scale) => new ScaledNormalInitializer(scale);

    /// <summary>Looks an initialiser up by name: zeros, small (or small:0.05), course, he, xavier.</summary>
    public static IInitializer Parse(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (key.StartsWith("small:", StringComparison.Ordinal))
        {
            if (!double.TryParse(key[6..], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || !(scale > 0))
                throw new ArgumentException($"Initialiser scale '{key[6..]}' must be a positive number.");
            return ScaledNormal(scale);
        }
        return key switch
        {
            "zeros" or "zero" => Zeros,
            "small" or "random" => Small,
            "course" or "deep" => Course,
            "he" => He,
            "xavier" or "glorot" => Xavier,
            _ => throw new ArgumentException($"Unknown initialiser '{name}'; expected he, xavier, course, small or zeros."),
        };
    }
}
