using System.Numerics;
using Backprop.Autograd;
using Backprop.Defaults;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Metrics;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>The cost J of a model on a data set and the metrics that fit its output: classification metrics for a
/// sigmoid or softmax output, regression metrics for any other.</summary>
/// <param name="Loss">J(A[L], Y), the loss's cost on the whole set.</param>
/// <param name="Classification">Accuracy, precision, recall, F1 and confusion matrix (sigmoid or softmax output), else null.</param>
/// <param name="Regression">MSE, MAE and R² (linear and other outputs), else null.</param>
public sealed record EvaluationResult(double Loss, ClassificationMetrics? Classification, RegressionMetrics? Regression)
{
    public override string ToString() =>
        FormattableString.Invariant($"loss {Loss:G6}, ") + (Classification?.ToString() ?? Regression?.ToString() ?? "");
}

/// <summary>model.Evaluate(X, Y, loss): forward passes over X in evaluation mode, in batches of at most <c>batchSize</c>
/// rows (<see cref="Prediction"/>; only the outputs A [m × nL] are kept whole), then J(A, Y) on all of A and the metrics of
/// the predictions, so results do not depend on the batch size. Labels come from Y as the loss expects them: 0/1 in one column for a sigmoid unit (ŷ = a > threshold),
/// one-hot rows for softmax or several sigmoid units (y = argmax of the row, ŷ = argmax of A's row). Parameters and
/// their gradients are left as they are; only the model's forward caches change.</summary>
public static class Evaluation
{
    public static EvaluationResult Evaluate<T>(this Module<T> model, Tensor<T> x, Tensor<T> y, ILoss loss, double threshold = 0.5,
        int? batchSize = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        loss.CheckOutput(model.OutputActivation);
        if (x.Rank == 0 || y.Rank == 0 || y.Dim(0) != x.Dim(0))
            throw new ArgumentException($"X has shape {ShapeMath.Format(x.Shape)} and Y {ShapeMath.Format(y.Shape)}; both need one row per example.");
        if (x.Dim(0) == 0) throw new ArgumentException("Evaluation needs at least one example.");

        return Score(model, Prediction.Run(model, x, batchSize), y, loss, threshold);
    }

    /// <summary>J(A, Y) and the metrics of outputs A the model has already computed for targets Y (a source's batches
    /// gathered, say).</summary>
    public static EvaluationResult Score<T>(Module<T> model, Tensor<T> a, Tensor<T> y, ILoss loss, double threshold = 0.5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!a.Shape.SequenceEqual(y.Shape))
            throw new ArgumentException($"Y has shape {ShapeMath.Format(y.Shape)}; the model's output is {ShapeMath.Format(a.Shape)}.");
        double cost;
        using (Graph.NoGrad()) cost = double.CreateChecked(loss.Compute(a, y).ToScalar());
        if (!ModelTask.ForOutput(model.OutputActivation).IsClassification)
            return new EvaluationResult(cost, null, RegressionMetrics.Compute(ToDoubles(a), ToDoubles(y), a.Dim(-1)));

        int classes = a.Dim(-1);
        if (classes == 1)
            return new EvaluationResult(cost, ClassificationMetrics.Compute(Prediction.Threshold(a.AsReadOnlySpan(), threshold), BinaryLabels(y), 2), null);
        var predicted = Prediction.ArgmaxRows(a.AsReadOnlySpan(), classes);
        var actual = Prediction.ArgmaxRows(y.AsReadOnlySpan(), classes);
        return new EvaluationResult(cost, ClassificationMetrics.Compute(predicted, actual, classes), null);
    }

    /// <summary>J = loss(model(X), Y): forward passes in evaluation mode in batches of at most <paramref name="batchSize"/>
    /// rows, nothing recorded, J computed once on all outputs.</summary>
    public static double Cost<T>(this Module<T> model, Tensor<T> x, Tensor<T> y, ILoss loss,
        int? batchSize = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        var a = Prediction.Run(model, x, batchSize);
        using (Graph.NoGrad()) return double.CreateChecked(loss.Compute(a, y).ToScalar());
    }

    /// <summary>The natural loss of the model's output (<see cref="ModelTask.ForOutput"/>): binary cross-entropy for
    /// sigmoid, softmax cross-entropy for softmax, mean squared error otherwise.</summary>
    public static EvaluationResult Evaluate<T>(this Module<T> model, Tensor<T> x, Tensor<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Evaluate(x, y, ModelTask.ForOutput(model.OutputActivation).Loss);
    /// <summary>Y's entries as labels; each must be exactly 0 or 1.</summary>
    private static int[] BinaryLabels<T>(Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = y.AsReadOnlySpan();
        var labels = new int[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == T.Zero) labels[i] = 0;
            else if (s[i] == T.One) labels[i] = 1;
            else throw new ArgumentException($"Y[{i}, 0] = {s[i]} is not a 0/1 label; a sigmoid output is scored against labels 0 and 1.");
        }
        return labels;
    }

    private static double[] ToDoubles<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = t.AsReadOnlySpan();
        var d = new double[s.Length];
        for (int i = 0; i < s.Length; i++) d[i] = double.CreateChecked(s[i]);
        return d;
    }
}
