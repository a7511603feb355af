using Backprop.Data;
using Backprop.Defaults;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Issue #19: evaluation, prediction and validation read examples in batches (<see cref="SourceEvaluation"/>),
/// for tables in memory and for image files decoded on demand, and their results equal one unbatched pass over the
/// whole set to 1e-6 — with batch norm and dropout in the model, so evaluation mode is what both use.</summary>
public sealed class SourceEvaluationTests : IDisposable
{
    private const int Size = 4, Images = 30;
    private readonly string _folder = Directory.CreateTempSubdirectory("backprop-source-eval-").FullName;

    public SourceEvaluationTests()
    {
        for (int i = 0; i < Images; i++)
        {
            var label = $"class{i % 3}";
            Directory.CreateDirectory(Path.Combine(_folder, label));
            File.WriteAllBytes(Path.Combine(_folder, label, $"{i:D2}.bmp"),
                TestImages.Bmp(Size + i % 2, Size, (row, col, ch) => (byte)((i * 53 + row * 17 + col * 7 + ch * 29 + 60 * (i % 3)) % 256)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(600)]  // three batches of 256, 256 and 88
    [InlineData(256)]  // exactly one
    [InlineData(5)]
    public void A_table_evaluated_in_batches_equals_one_pass_over_all_of_it(int rows)
    {
        var random = new NumpyRandom(3);
        var x = Tensor<double>.FromArray(Enumerable.Range(0, rows * 4).Select(_ => random.NextGaussian()).ToArray(), rows, 4);
        var y = Tensor<double>.FromArray(Enumerable.Range(0, rows).Select(i => x[i, 0] + 0.5 * x[i, 1] > 0 ? 1.0 : 0.0).ToArray(), rows, 1);
        var model = Trained(new Sequential<double>(new Dense<double>(4, 8, Activation.Relu), new BatchNorm<double>(8), new Dropout<double>(0.4, 5),
            new Dense<double>(8, 1, Activation.Sigmoid)), x, y, Loss.BinaryCrossEntropy);
        Assert.Equal(256, TrainingDefaults.PredictionBatchRows(4));

        var whole = model.Evaluate(x, y, Loss.BinaryCrossEntropy, batchSize: rows);
        var batched = model.Evaluate(new DatasetExamples<double>(new Dataset<double>(x, y)), Loss.BinaryCrossEntropy);

        Assert.Equal(whole.Loss, batched.Loss, 1e-6);
        Assert.Equal(whole.Classification!.Accuracy, batched.Classification!.Accuracy);
        Assert.True(whole.Loss > 0.01 && whole.Loss < 0.69, $"J = {whole.Loss}: a model that learnt something, so the test can fail");
    }

    [Fact]
    public void Image_files_decoded_batch_by_batch_give_the_outputs_and_metrics_of_the_folder_in_memory()
    {
        var inMemory = ImageFolder.Load<float>(_folder, Size, Size).WithOneHotTargets(3);
        var files = new ImageFileExamples<float>(ImageFolder.List(_folder), Size, Size, 3, new ImageStreamOptions { OneHot = true, DecodeThreads = 2 });
        var model = Trained(new Sequential<float>(new Dense<float>(Size * Size * 3, 6, Activation.Relu), new BatchNorm<float>(6),
            new Dropout<float>(0.3, 7), new Dense<float>(6, 3, Activation.Softmax)), inMemory.X, inMemory.Y, Loss.SoftmaxCrossEntropy);

        var whole = model.Evaluate(inMemory.X, inMemory.Y, Loss.SoftmaxCrossEntropy, batchSize: Images);
        var streamed = model.Evaluate(files, Loss.SoftmaxCrossEntropy);
        Assert.Equal(whole.Loss, streamed.Loss, 1e-6);
        Assert.Equal(whole.Classification!.Accuracy, streamed.Classification!.Accuracy);

        using var sevens = files.Batches(7, shuffle: null); // 5 batches, the last of 2
        var (a, y) = model.Outputs(sevens);
        var expected = model.PredictValues(inMemory.X, batchSize: Images).AsReadOnlySpan().ToArray();
        Assert.All(a.AsReadOnlySpan().ToArray().Zip(expected), pair => Assert.Equal(pair.Second, pair.First, 1e-6f));
        Assert.Equal(inMemory.Y.AsReadOnlySpan().ToArray(), y.AsReadOnlySpan().ToArray());
        Assert.Equal(whole.Loss, model.Cost(sevens, Loss.SoftmaxCrossEntropy), 1e-6); // a source that stays open serves a second pass
    }

    [Theory]
    [InlineData(4L, 256)]
    [InlineData(28L * 28, 256)]
    [InlineData(64L * 64 * 3, 170)]
    [InlineData(100L * 100 * 3, 69)]
    [InlineData(224L * 224 * 3, 16)]
    public void Prediction_batches_shrink_as_examples_grow(long features, int rows) =>
        Assert.Equal(rows, TrainingDefaults.PredictionBatchRows(features));

    private static Sequential<T> Trained<T>(Sequential<T> model, Tensor<T> x, Tensor<T> y, ILoss loss)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        model.Initialize(Backprop.Initializers.Initializer.He, new NumpyRandom(2));
        model.Fit(x, y, loss, new Backprop.Optimizers.Adam(0.01), TrainingOptions.MiniBatch(20, 16, new NumpyRandom(4)));
        return model;
    }
}
