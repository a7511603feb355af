namespace Backprop.Optimizers;

/// <summary>The checks every optimiser makes on its hyperparameters; each throws
/// <see cref="ArgumentOutOfRangeException"/> naming the offending argument.</summary>
internal static class Hyperparameter
{
    /// <summary>α &gt; 0 and finite.</summary>
    public static double LearningRate(double value, string name) => value > 0 && double.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "The learning rate must be a positive, finite number.");

    /// <summary>0 ≤ β &lt; 1 (β = 1 would never forget the first gradient; the bias correction would divide by zero).</summary>
    public static double Beta(double value, string name) => value is >= 0 and < 1
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "A decay rate β must satisfy 0 ≤ β < 1.");

    /// <summary>ε &gt; 0 and finite.</summary>
    public static double Epsilon(double value, string name) => value > 0 && double.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "Epsilon must be a positive, finite number.");
}
