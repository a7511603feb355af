using Backprop.Tensors;

namespace Backprop.Cli.Inputs;

/// <summary>The input features built from the two raw ones, as in TensorFlow Playground: x1, x2, x1², x2², x1·x2,
/// sin x1, sin x2. The network's input n[0] is the number chosen; a saved model keeps their names so that evaluate
/// builds the same columns.</summary>
public static class FeatureMap
{
    /// <summary>All feature names, in the order they enter the network.</summary>
    public static IReadOnlyList<string> All { get; } = ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"];

    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>The value of one feature at (x1, x2).</summary>
    public static double Value(string feature, double x1, double x2) => feature switch
    {
        "x1" => x1,
        "x2" => x2,
        "x1^2" => x1 * x1,
        "x2^2" => x2 * x2,
        "x1x2" => x1 * x2,
        "sin_x1" => Math.Sin(x1),
        "sin_x2" => Math.Sin(x2),
        _ => throw new ArgumentException($"unknown feature '{feature}'"),
    };

    /// <summary>X [m × features.Count] from the raw coordinates: row i holds each chosen feature of (x1[i], x2[i]).</summary>
    public static Tensor<float> Expand(IReadOnlyList<string> features, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        var x = Tensor<float>.Zeros(x1.Length, features.Count);
        var s = x.AsSpan();
        for (int i = 0; i < x1.Length; i++)
            for (int j = 0; j < features.Count; j++)
                s[i * features.Count + j] = (float)Value(features[j], x1[i], x2[i]);
        return x;
    }
}
