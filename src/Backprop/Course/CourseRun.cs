using System.Numerics;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Callbacks;

namespace Backprop.Course;

/// <summary>The notebooks' training loop: full-batch gradient descent with binary cross-entropy, the cost reported
/// every <c>printEvery</c> iterations (before that iteration's update) and at the last one, then accuracy
/// = (number of correct predictions [a &gt; 0.5]) / m.</summary>
public static class CourseRun
{
    /// <summary>Trains and returns the recorded costs; <paramref name="onCost"/> gets each (iteration, cost) as it is printed.</summary>
    public static TrainingHistory Train<T>(Sequential<T> model, Tensor<T> x, Tensor<T> y, double learningRate, int iterations,
        int printEvery, Action<int, double>? onCost = null, bool printLastIteration = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var callbacks = onCost is null ? Array.Empty<ITrainingCallback>() : [new CostLogger(printEvery, onCost, printLastIteration)];
        var options = TrainingOptions.FullBatch(iterations, printEvery) with { Callbacks = callbacks };
        return model.Fit(x, y, Loss.BinaryCrossEntropy, new GradientDescent(learningRate), options);
    }

    /// <summary>Fraction of examples where [a &gt; 0.5] equals the 0/1 label, as the course computes it.</summary>
    public static double Accuracy<T>(Sequential<T> model, Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = model.Forward(x).AsReadOnlySpan();
        var labels = y.AsReadOnlySpan();
        int correct = 0;
        T half = T.CreateChecked(0.5);
        for (int i = 0; i < a.Length; i++)
            if ((a[i] > half ? T.One : T.Zero) == labels[i]) correct++;
        return (double)correct / a.Length;
    }
}
