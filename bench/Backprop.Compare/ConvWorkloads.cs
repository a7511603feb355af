using System.Diagnostics;
using System.Numerics;
using Backprop.Data;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Compare;

/// <summary>seconds = one epoch of plain SGD: "lenet-mnist", LeNet-5 on the 60000 MNIST training images in batches of 128
/// (torch_anchor.py's network, lr 0.01), and "signs-convnet", the course's SIGNS ConvNet on 1080 random 64×64×3 images
/// with 6 random classes in batches of 64 (the course's batch size, lr 0.009). Both as PyTorch's peer runs them.</summary>
internal static class ConvWorkloads
{
    public static readonly string[] Names = ["lenet-mnist", "signs-convnet"];

    public static ResultLine Run<T>(ResultLine line, string workload, string? dataRoot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Sequential<T> model;
        Tensor<T> x, y;
        int batch;
        double lr;
        if (workload == "lenet-mnist")
        {
            var (train, _) = Mnist.Load<T>(dataRoot is null ? null : Path.Combine(dataRoot, Mnist.Folder));
            (x, y, batch, lr) = (train.X, train.WithOneHotTargets(10).Y, 128, 0.01);
            model = new Sequential<T>(
                new Reshape<T>(28, 28, 1),
                new Conv2D<T>(1, 6, 5, 1, Padding2D.Explicit(2), Activation.Relu), new MaxPool2D<T>(2),
                new Conv2D<T>(6, 16, 5, 1, Padding2D.Valid, Activation.Relu), new MaxPool2D<T>(2),
                new Flatten<T>(),
                new Dense<T>(400, 120, Activation.Relu), new Dense<T>(120, 84, Activation.Relu), new Dense<T>(84, 10, Activation.Softmax));
        }
        else
        {
            var random = new NumpyRandom(0);
            x = Tensor<T>.RandomUniform(random, 1080, 64, 64, 3);
            var labels = Enumerable.Range(0, 1080).Select(_ => (int)random.NextInterval(5)).ToArray();
            (y, batch, lr) = (Dataset<T>.OneHot(labels, 6), 64, 0.009);
            model = new Sequential<T>(
                new Conv2D<T>(3, 8, 4, 1, Padding2D.Same, Activation.Relu), new MaxPool2D<T>(8, 8, Padding2D.Same),
                new Conv2D<T>(8, 16, 2, 1, Padding2D.Same, Activation.Relu), new MaxPool2D<T>(4, 4, Padding2D.Same),
                new Flatten<T>(), new Dense<T>(64, 6, Activation.Softmax));
        }
        model.Initialize(Backprop.Initializers.Initializer.He, new NumpyRandom(1));
        var optimizer = new GradientDescent(lr);
        var probe = new AllocationProbe(10, Math.Min(100, x.Dim(0) / batch - 1));
        var options = TrainingOptions.MiniBatch(1, batch, new NumpyRandom(2)) with { Callbacks = [probe] };
        var clock = Stopwatch.StartNew();
        var history = model.Fit(x, y, Loss.SoftmaxCrossEntropy, optimizer, options);
        clock.Stop();
        line.Set("seconds", clock.Elapsed.TotalSeconds).Set("cost", history.Epochs[^1].Cost).Set("steps", history.StepsCompleted);
        probe.Report(line);
        return line;
    }
}
