using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Models;

/// <summary>Prediction, evaluation and validation run in batches; their results equal one pass over all rows to 1e-6.</summary>
public class BatchedPredictionTests
{
    private const int Examples = 23, SmallBatch = 5; // 5 batches, the last of 3 rows

    [Fact]
    public void A_convolutional_network_with_batch_norm_predicts_the_same_in_batches_as_in_one_pass()
    {
        var model = new Sequential<float>(
            new Conv2D<float>(1, 4, 3, 1, Padding2D.Same, Activation.Relu),
            new BatchNorm<float>(4),
            new MaxPool2D<float>(2),
            new Flatten<float>(),
            new Dropout<float>(0.3, 5),
            new Dense<float>(4 * 4 * 4, 3, Activation.Softmax));
        var x = Tensor<float>.RandomNormal(new NumpyRandom(1), Examples, 8, 8, 1);
        var y = OneHot(Examples, 3);
        model.Fit(x, y, Loss.SoftmaxCrossEntropy, new Adam(0.01), TrainingOptions.MiniBatch(2, 8, new NumpyRandom(2))); // running statistics ≠ their start

        AssertClose(model.PredictValues(x, batchSize: Examples), model.PredictValues(x, batchSize: SmallBatch));
        Assert.Equal(model.PredictLabels(x, batchSize: Examples), model.PredictLabels(x, batchSize: SmallBatch));
        var whole = model.Evaluate(x, y, Loss.SoftmaxCrossEntropy, batchSize: Examples);
        var batched = model.Evaluate(x, y, Loss.SoftmaxCrossEntropy, batchSize: SmallBatch);
        Assert.Equal(whole.Loss, batched.Loss, 1e-6);
        Assert.Equal(whole.Classification!.Accuracy, batched.Classification!.Accuracy);
    }

    [Fact]
    public void A_table_network_costs_and_scores_the_same_in_batches_as_in_one_pass()
    {
        var model = Sequential<double>.FromLayerDims([4, 6, 1], Activation.Relu, Activation.Sigmoid);
        model.Initialize(Backprop.Initializers.Initializer.He, new NumpyRandom(3));
        var x = Tensor<double>.RandomNormal(new NumpyRandom(4), Examples, 4);
        var y = Tensor<double>.Zeros(Examples, 1);
        for (int i = 0; i < Examples; i += 2) y[i, 0] = 1;

        AssertClose(model.PredictProbabilities(x, batchSize: Examples), model.PredictProbabilities(x, batchSize: SmallBatch));
        Assert.Equal(model.Cost(x, y, Loss.BinaryCrossEntropy, batchSize: Examples), model.Cost(x, y, Loss.BinaryCrossEntropy, batchSize: SmallBatch), 1e-6);
        var whole = model.Evaluate(x, y, Loss.BinaryCrossEntropy, batchSize: Examples).Classification!;
        var batched = model.Evaluate(x, y, Loss.BinaryCrossEntropy, batchSize: SmallBatch).Classification!;
        Assert.Equal(whole.Accuracy, batched.Accuracy);
        Assert.Equal(whole.F1, batched.F1);
    }

    [Fact]
    public void A_recurrent_regression_scores_the_same_in_batches_as_in_one_pass()
    {
        var model = new Sequential<float>(new Lstm<float>(2, 5, returnSequences: false), new Dense<float>(5, 1));
        var x = Tensor<float>.RandomNormal(new NumpyRandom(6), Examples, 7, 2);
        var y = Tensor<float>.RandomNormal(new NumpyRandom(7), Examples, 1);

        AssertClose(model.PredictValues(x, batchSize: Examples), model.PredictValues(x, batchSize: SmallBatch));
        var whole = model.Evaluate(x, y, Loss.MeanSquaredError, batchSize: Examples).Regression!;
        var batched = model.Evaluate(x, y, Loss.MeanSquaredError, batchSize: SmallBatch).Regression!;
        Assert.Equal(whole.R2, batched.R2, 1e-6);
    }

    [Fact]
    public void Prediction_batches_must_hold_at_least_one_row()
    {
        var model = Sequential<double>.FromLayerDims([2, 1], Activation.Relu, Activation.Sigmoid);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictValues(Tensor<double>.Zeros(3, 2), batchSize: 0));
    }

    private static Tensor<float> OneHot(int m, int classes)
    {
        var y = Tensor<float>.Zeros(m, classes);
        for (int i = 0; i < m; i++) y[i, i % classes] = 1;
        return y;
    }

    private static void AssertClose<T>(Tensor<T> expected, Tensor<T> actual) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var e = expected.AsReadOnlySpan();
        var a = actual.AsReadOnlySpan();
        for (int i = 0; i < e.Length; i++) Assert.Equal(double.CreateChecked(e[i]), double.CreateChecked(a[i]), 1e-6);
    }
}
