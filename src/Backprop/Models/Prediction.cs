using System.Numerics;
using Backprop.Autograd;
using Backprop.Defaults;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>What a trained model says about new data X: probabilities (sigmoid or softmax outputs), labels (ŷ = 1 where
/// a &gt; threshold for one sigmoid unit, the course's <c>A &gt; 0.5</c>; ŷ = argmax of each row otherwise) or values
/// (regression). Each runs forward passes in evaluation mode without recording, over consecutive batches of at most
/// <c>batchSize</c> rows (<see cref="TrainingDefaults.PredictionBatchRows"/> of the row size unless given), so memory holds one batch's
/// activations, not the whole set's; row i of the result is the model's output for row i of X whatever the batch size
/// (evaluation mode has no cross-example state). Results are new arrays the caller owns.</summary>
public static class Prediction
{
    /// <summary>The model's output for X, as a new tensor, computed in evaluation mode without recording a graph (the
    /// model's mode is restored afterwards).</summary>
    public static Tensor<T> PredictValues<T>(this Module<T> model, Tensor<T> x, int? batchSize = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(model, x, batchSize);

    /// <summary>P(y = 1 | x) per example for a sigmoid output, a row of class probabilities for softmax.</summary>
    public static Tensor<T> PredictProbabilities<T>(this Module<T> model, Tensor<T> x, int? batchSize = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!ModelTask.ForOutput(model.OutputActivation).IsClassification)
            throw new InvalidOperationException(
                $"Probabilities need a sigmoid or softmax output layer; this model ends in '{model.OutputActivation?.Name ?? "an unknown output"}'. Use PredictValues for its raw outputs.");
        return Run(model, x, batchSize);
    }

    /// <summary>Class labels for X: for one sigmoid unit ŷ = 1 if a &gt; <paramref name="threshold"/> else 0 (strictly
    /// greater, as the course's <c>predict</c>); otherwise ŷ = argmax over the row (the first maximum on a tie, like NumPy).</summary>
    public static int[] PredictLabels<T>(this Module<T> model, Tensor<T> x, double threshold = 0.5,
        int? batchSize = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (double.IsNaN(threshold)) throw new ArgumentException("The threshold must be a number.", nameof(threshold));
        if (!ModelTask.ForOutput(model.OutputActivation).IsClassification)
            throw new InvalidOperationException(
                $"Labels need a sigmoid or softmax output layer; this model ends in '{model.OutputActivation?.Name ?? "an unknown output"}'. Use PredictValues for regression.");
        return Labels(Run(model, x, batchSize), threshold);
    }

    /// <summary>Labels from outputs A: threshold one column, argmax of each row of several.</summary>
    public static int[] Labels<T>(Tensor<T> a, double threshold = 0.5) where T : unmanaged, IFloatingPointIeee754<T> =>
        a.Dim(-1) == 1 ? Threshold(a.AsReadOnlySpan(), threshold) : ArgmaxRows(a.AsReadOnlySpan(), a.Dim(-1));

    /// <summary>A = model(X) in evaluation mode, unrecorded, one batch of at most <paramref name="batchSize"/> rows at a
    /// time: A[s … s+b−1] = model(X[s … s+b−1]), copied into a new tensor [m, …] the caller owns.</summary>
    internal static Tensor<T> Run<T>(Module<T> model, Tensor<T> x, int? batchSize = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The prediction batch size must be ≥ 1.");
        bool training = model.IsTraining;
        model.Eval();
        try
        {
            int m = x.Rank == 0 ? 1 : x.Dim(0);
            int rows = batchSize ?? TrainingDefaults.PredictionBatchRows(m == 0 ? 1 : x.Length / m);
            if (x.Rank == 0 || m <= rows) return Forward(model, x).Clone();
            Tensor<T>? all = null;
            for (int start = 0; start < m; start += rows)
            {
                int count = Math.Min(rows, m - start);
                var a = Forward(model, x.Rows(start, count));
                if (a.Rank == 0 || a.Dim(0) != count)
                    throw new InvalidOperationException($"The model's output has shape {ShapeMath.Format(a.Shape)} for {count} examples; batched prediction needs one output row per example.");
                all ??= Tensor<T>.Zeros([m, .. a.Shape[1..]]);
                a.AsReadOnlySpan().CopyTo(all.Rows(start, count).AsSpan());
            }
            return all!;
        }
        finally
        {
            if (training) model.Train();
        }
    }

    private static Tensor<T> Forward<T>(Module<T> model, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Graph.BeginStep();
        using (Graph.NoGrad()) return model.Forward(x);
    }

    /// <summary>ŷᵢ = 1 if aᵢ &gt; threshold else 0.</summary>
    public static int[] Threshold<T>(ReadOnlySpan<T> a, double threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var labels = new int[a.Length];
        for (int i = 0; i < a.Length; i++) labels[i] = double.CreateChecked(a[i]) > threshold ? 1 : 0;
        return labels;
    }

    /// <summary>ŷᵢ = argmaxⱼ aᵢⱼ over each row of <paramref name="columns"/> entries (first maximum wins, like NumPy).</summary>
    public static int[] ArgmaxRows<T>(ReadOnlySpan<T> a, int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var labels = new int[a.Length / columns];
        for (int i = 0; i < labels.Length; i++)
        {
            var row = a.Slice(i * columns, columns);
            int best = 0;
            for (int j = 1; j < columns; j++)
                if (row[j] > row[best]) best = j;
            labels[i] = best;
        }
        return labels;
    }
}
