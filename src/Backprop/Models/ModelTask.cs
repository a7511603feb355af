using Backprop.Data;
using Backprop.Losses;
using Backprop.Ops.Activations;

namespace Backprop.Models;

/// <summary>The one place that pairs a kind of problem with its output activation, its loss and how predictions read:
/// binary classification — one sigmoid unit, binary cross-entropy, ŷ = 1 where a &gt; 0.5 (the course's predict);
/// multiclass — softmax, softmax cross-entropy, ŷ = argmax of the row; regression — linear output, mean squared error,
/// ŷ = the output itself. Several sigmoid units (multi-label) read as argmax too, as the course's one-vs-all does.</summary>
public sealed record ModelTask(string Name, IActivation OutputActivation, ILoss Loss, bool IsClassification)
{
    public static ModelTask BinaryClassification { get; } = new("binary", Activation.Sigmoid, Losses.Loss.BinaryCrossEntropy, true);
    public static ModelTask MulticlassClassification { get; } = new("multiclass", Activation.Softmax, Losses.Loss.SoftmaxCrossEntropy, true);
    public static ModelTask Regression { get; } = new("regression", Activation.Linear, Losses.Loss.MeanSquaredError, false);

    /// <summary>The task a model's output activation implies: sigmoid → binary, softmax → multiclass, anything else
    /// (or unknown) → regression.</summary>
    public static ModelTask ForOutput(IActivation? activation) => activation switch
    {
        SigmoidActivation => BinaryClassification,
        SoftmaxActivation => MulticlassClassification,
        _ => Regression,
    };

    /// <summary>The task a data set's target implies: 0/1 labels → binary, several classes → multiclass, numbers → regression.</summary>
    public static ModelTask For(TargetKind target) => target switch
    {
        TargetKind.Binary => BinaryClassification,
        TargetKind.Multiclass => MulticlassClassification,
        _ => Regression,
    };

    /// <summary>The kind of target this task trains on (the inverse of <see cref="For(TargetKind)"/>).</summary>
    public TargetKind Target => this == BinaryClassification ? TargetKind.Binary : this == MulticlassClassification ? TargetKind.Multiclass : TargetKind.Regression;

    /// <summary>Looks a task up by name: binary, multiclass, regression.</summary>
    public static ModelTask Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "binary" or "binary-classification" => BinaryClassification,
        "multiclass" or "multi-class" or "classification" or "multiclass-classification" => MulticlassClassification,
        "regression" => Regression,
        _ => throw new ArgumentException($"Unknown task '{name}'; expected binary, multiclass or regression."),
    };

    public override string ToString() => Name;
}
