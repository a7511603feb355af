namespace Backprop.Losses;

/// <summary>The losses by name: binary cross-entropy (sigmoid outputs), softmax cross-entropy (multiclass),
/// mean squared error (regression), and the cross-entropies of models that output logits.</summary>
public static class Loss
{
    public static ILoss BinaryCrossEntropy { get; } = new BinaryCrossEntropyLoss();
    public static ILoss SoftmaxCrossEntropy { get; } = new SoftmaxCrossEntropyLoss();
    public static ILoss MeanSquaredError { get; } = new MeanSquaredErrorLoss();
    public static ILoss BinaryCrossEntropyFromLogits { get; } = new BinaryCrossEntropyFromLogitsLoss();
    public static ILoss SoftmaxCrossEntropyFromLogits { get; } = new SoftmaxCrossEntropyFromLogitsLoss();

    /// <summary>Looks a loss up by its <see cref="ILoss.Name"/>.</summary>
    public static ILoss Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "binary-cross-entropy" or "bce" => BinaryCrossEntropy,
        "softmax-cross-entropy" or "cross-entropy" or "ce" => SoftmaxCrossEntropy,
        "mse" or "mean-squared-error" => MeanSquaredError,
        "binary-cross-entropy-logits" => BinaryCrossEntropyFromLogits,
        "softmax-cross-entropy-logits" => SoftmaxCrossEntropyFromLogits,
        _ => throw new ArgumentException($"Unknown loss '{name}'; expected binary-cross-entropy, softmax-cross-entropy, mse or their -logits forms."),
    };
}
