using Backprop.Data;
using Backprop.Initializers;
using Backprop.Ops.Activations;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.Tests.BeyondTheCourse;

/// <summary>Beyond the course: a softmax MLP 784-256-128-10 (ReLU, He init, Adam with α = 0.001 decayed ×0.8 per epoch,
/// mini-batches of 128) on MNIST (≥ 98 % test accuracy) and Fashion-MNIST (≥ 88 %), in float32.</summary>
[Collection("Course runs")]
public class MnistTests
{
    private static double TrainAndTest(Dataset<float> train, Dataset<float> test, int epochs)
    {
        var model = Sequential<float>.FromLayerDims([784, 256, 128, 10], Activation.Relu, Activation.Softmax);
        model.Initialize(Initializer.He, new NumpyRandom(1));
        int stepsPerEpoch = (train.Count + 127) / 128;
        var optimizer = new ScheduledOptimizer(new Adam(0.001), new ExponentialDecay(0.001, 0.8), stepsPerEpoch);
        var history = model.Fit(train.X, train.Y, Loss.SoftmaxCrossEntropy, optimizer, TrainingOptions.MiniBatch(epochs, 128, new NumpyRandom(2)));
        Assert.Null(history.StopReason);
        Assert.True(history.Epochs[^1].Cost < history.Epochs[0].Cost);
        return model.Evaluate(test.X, test.Y, Loss.SoftmaxCrossEntropy).Classification!.Accuracy;
    }

    [SkippableFact]
    public void A_softmax_mlp_reaches_98_percent_on_mnist()
    {
        var folder = Path.GetDirectoryName(TestData.Dataset("mnist", "train-images-idx3-ubyte.gz"))!;
        var (train, test) = Mnist.Load<float>(folder);
        double accuracy = TrainAndTest(train.WithOneHotTargets(10), test.WithOneHotTargets(10), epochs: 10);
        Assert.True(accuracy >= 0.98, $"MNIST test accuracy {accuracy:P2} < 98 %");
    }

    [SkippableFact]
    public void A_softmax_mlp_reaches_88_percent_on_fashion_mnist()
    {
        var folder = Path.GetDirectoryName(TestData.Dataset("fashion-mnist", "train-images-idx3-ubyte.gz"))!;
        var (train, test) = FashionMnist.Load<float>(folder);
        double accuracy = TrainAndTest(train.WithOneHotTargets(10), test.WithOneHotTargets(10), epochs: 10);
        Assert.True(accuracy >= 0.88, $"Fashion-MNIST test accuracy {accuracy:P2} < 88 %");
    }
}
