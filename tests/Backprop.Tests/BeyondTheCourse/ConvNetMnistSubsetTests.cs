using Backprop.Data;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

namespace Backprop.Tests.BeyondTheCourse;

/// <summary>A CI-sized check that convolutional training works end to end: LeNet-5 on the first 2000 MNIST training
/// images for 3 epochs reaches far above chance (10 %) on 1000 test images. The full run (≥ 99 % in 10 epochs) is
/// samples/lenet-mnist.cs.</summary>
[Collection("Course runs")]
public class ConvNetMnistSubsetTests
{
    [SkippableFact]
    public void LeNet_5_learns_2000_MNIST_images_to_over_85_percent_test_accuracy()
    {
        var folder = Path.GetDirectoryName(TestData.Dataset("mnist", "train-images-idx3-ubyte.gz"))!;
        var (train, test) = Mnist.Load<float>(folder);
        train = train.Take(Enumerable.Range(0, 2000).ToArray()).WithOneHotTargets(10);
        test = test.Take(Enumerable.Range(0, 1000).ToArray()).WithOneHotTargets(10);
        var model = new Sequential<float>(
            new Reshape<float>(28, 28, 1),
            new Conv2D<float>(1, 6, 5, 1, Padding2D.Same, Activation.Relu),
            new MaxPool2D<float>(2),
            new Conv2D<float>(6, 16, 5, 1, Padding2D.Valid, Activation.Relu),
            new MaxPool2D<float>(2),
            new Flatten<float>(),
            new Dense<float>(400, 120, Activation.Relu),
            new Dense<float>(120, 84, Activation.Relu),
            new Dense<float>(84, 10, Activation.Softmax));
        model.Initialize(Backprop.Initializers.Initializer.He, new NumpyRandom(1));
        var history = model.Fit(train.X, train.Y, Loss.SoftmaxCrossEntropy, new Adam(0.002), TrainingOptions.MiniBatch(3, 64, new NumpyRandom(2)));
        Assert.True(history.Epochs[^1].Cost < history.Epochs[0].Cost);
        double accuracy = model.Evaluate(test.X, test.Y, Loss.SoftmaxCrossEntropy).Classification!.Accuracy;
        Assert.True(accuracy >= 0.85, $"test accuracy {accuracy:P1} < 85 %");
    }
}
