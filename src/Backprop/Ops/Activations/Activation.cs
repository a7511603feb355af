namespace Backprop.Ops.Activations;

/// <summary>The activations of the course, by name: sigmoid σ(z) = 1/(1+e^−z), tanh, ReLU max(0, z),
/// Leaky ReLU max(αz, z), linear (identity), softmax for multiclass outputs, and GELU z·Φ(z) (exact, or its tanh form)
/// for transformer blocks.</summary>
public static class Activation
{
    public static IActivation Sigmoid { get; } = new SigmoidActivation();
    public static IActivation Tanh { get; } = new TanhActivation();
    public static IActivation Relu { get; } = new ReluActivation();
    public static IActivation Linear { get; } = new LinearActivation();
    public static IActivation Softmax { get; } = new SoftmaxActivation();

    /// <summary>The exact GELU z·Φ(z) = ½z(1 + erf(z/√2)).</summary>
    public static IActivation Gelu { get; } = new GeluActivation();

    /// <summary>GELU's tanh form ½z(1 + tanh(√(2/π)(z + 0.044715z³))).</summary>
    public static IActivation GeluTanh { get; } = new GeluTanhActivation();

    /// <summary>Leaky ReLU with slope α for z ≤ 0 (the course's 0.01 by default).</summary>
    public static IActivation LeakyRelu(double slope = 0.01) => new LeakyReluActivation(slope);

    /// <summary>Looks an activation up by name: sigmoid, tanh, relu, leaky-relu (or leaky-relu:0.2), linear, softmax, gelu, gelu-tanh.</summary>
    public static IActivation Parse(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (key.StartsWith("leaky-relu:", StringComparison.Ordinal) || key.StartsWith("leakyrelu:", StringComparison.Ordinal))
        {
            var text = key[(key.IndexOf(':') + 1)..];
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var slope))
                throw new ArgumentException($"Leaky ReLU slope '{text}' is not a number.");
            return LeakyRelu(slope);
        }
        return key switch
        {
            "sigmoid" => Sigmoid,
            "tanh" => Tanh,
            "relu" => Relu,
            "leaky-relu" or "leakyrelu" or "leaky_relu" => LeakyRelu(),
            "linear" or "identity" or "none" => Linear,
            "softmax" => Softmax,
            "gelu" => Gelu,
            "gelu-tanh" or "gelu_tanh" => GeluTanh,
            _ => throw new ArgumentException($"Unknown activation '{name}'; expected sigmoid, tanh, relu, leaky-relu, linear, softmax, gelu or gelu-tanh."),
        };
    }
}
