using System.Numerics;
using Backprop.Layers.Activations;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>What a trained model says about new data X [m × n0]: probabilities A[L] (sigmoid or softmax outputs),
/// labels (ŷ = 1 where a > threshold for one sigmoid unit, the course's <c>A &gt; 0.5</c>; ŷ = argmax of each row otherwise)
/// or values A[L] (regression). Each runs one forward pass; the results are new arrays the caller owns.</summary>
public static class Prediction
{
    /// <summary>A[L] for X: P(y = 1 | x) per example for a sigmoid output, a row of class probabilities for softmax.</summary>
    public static Tensor<T> PredictProbabilities<T>(this Sequential<T> model, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var activation = model.OutputLayer.Activation;
        if (activation is not (SigmoidActivation or SoftmaxActivation))
            throw new InvalidOperationException(
                $"Probabilities need a sigmoid or softmax output layer; this model ends in '{activation.Name}'. Use PredictValues for its raw outputs.");
        return model.Forward(x).Clone();
    }

    /// <summary>Class labels for X: for one sigmoid unit ŷ = 1 if a > <paramref name="threshold"/> else 0 (strictly greater,
    /// as the course's <c>predict</c>); for softmax or several output units ŷ = argmax over the row (the first maximum on a tie,
    /// like NumPy's argmax).</summary>
    public static int[] PredictLabels<T>(this Sequential<T> model, Tensor<T> x, double threshold = 0.5) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (double.IsNaN(threshold)) throw new ArgumentException("The threshold must be a number.", nameof(threshold));
        var activation = model.OutputLayer.Activation;
        if (model.OutputSize == 1 && activation is not SigmoidActivation)
            throw new InvalidOperationException(
                $"Labels from one output unit need a sigmoid output layer; this model ends in '{activation.Name}'. Use PredictValues for regression.");
        var a = model.Forward(x);
        return model.OutputSize == 1 ? Threshold(a.AsReadOnlySpan(), threshold) : ArgmaxRows(a.AsReadOnlySpan(), a.Dim(1));
    }

    /// <summary>A[L] for X as predicted values (regression), whatever the output activation.</summary>
    public static Tensor<T> PredictValues<T>(this Sequential<T> model, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Forward(x).Clone();

    /// <summary>ŷᵢ = 1 if aᵢ > threshold else 0.</summary>
    internal static int[] Threshold<T>(ReadOnlySpan<T> a, double threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var labels = new int[a.Length];
        for (int i = 0; i < a.Length; i++) labels[i] = double.CreateChecked(a[i]) > threshold ? 1 : 0;
        return labels;
    }

    /// <summary>ŷᵢ = argmaxⱼ aᵢⱼ over each row of <paramref name="columns"/> entries (first maximum wins).</summary>
    internal static int[] ArgmaxRows<T>(ReadOnlySpan<T> a, int columns) where T : unmanaged, IFloatingPointIeee754<T>
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
