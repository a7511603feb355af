using System.Numerics;
using Backprop.Defaults;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Evaluation, prediction and validation cost over examples read in batches (<see cref="IExampleSet{T}"/>): each
/// batch of <see cref="TrainingDefaults.PredictionBatchRows"/> rows goes forward in evaluation mode without a
/// graph, only the outputs A [m × nL] (and Y) are gathered, and J(A, Y) and the metrics are computed once on all of them —
/// the same numbers as <see cref="Evaluation.Evaluate{T}(Module{T}, Tensor{T}, Tensor{T}, ILoss, double, int?)"/> on the
/// whole set in memory, with memory of one batch's activations.</summary>
public static class SourceEvaluation
{
    public static EvaluationResult Evaluate<T>(this Module<T> model, IExampleSet<T> examples, ILoss loss, double threshold = 0.5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        loss.CheckOutput(model.OutputActivation);
        var (a, y) = Outputs(model, examples);
        return Evaluation.Score(model, a, y, loss, threshold);
    }

    /// <summary>J on the examples (the validation cost of early stopping).</summary>
    public static double Cost<T>(this Module<T> model, IExampleSet<T> examples, ILoss loss) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Evaluate(examples, loss).Loss;

    /// <summary>A = model(X) for every example, in order, and Y beside it.</summary>
    public static (Tensor<T> A, Tensor<T> Y) Outputs<T>(this Module<T> model, IExampleSet<T> examples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("Evaluation needs at least one example.", nameof(examples));
        using var source = examples.OnePass(TrainingDefaults.PredictionBatchRows(examples.Features));
        return model.Outputs(source);
    }

    /// <summary>A = model(X) and Y for one pass over <paramref name="source"/> (one that stays open across epochs, so an
    /// image cache serves every validation pass).</summary>
    public static (Tensor<T> A, Tensor<T> Y) Outputs<T>(this Module<T> model, IBatchSource<T> source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        source.StartEpoch();
        int m = source.Count;
        Tensor<T>? a = null, y = null;
        for (int b = 0, row = 0; b < source.BatchesPerEpoch; b++)
        {
            var (xb, yb) = source.Batch(b);
            var ab = model.PredictValues(xb);
            a ??= Tensor<T>.Zeros([m, .. ab.Shape[1..]]);
            y ??= Tensor<T>.Zeros([m, .. yb.Shape[1..]]);
            ab.AsReadOnlySpan().CopyTo(a.AsSpan()[(row * (a.Length / m))..]);
            yb.AsReadOnlySpan().CopyTo(y.AsSpan()[(row * (y.Length / m))..]);
            row += xb.Dim(0);
        }
        return (a!, y!);
    }

    /// <summary>J on one pass over <paramref name="source"/>.</summary>
    public static double Cost<T>(this Module<T> model, IBatchSource<T> source, ILoss loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, y) = model.Outputs(source);
        return Evaluation.Score(model, a, y, loss).Loss;
    }
}
