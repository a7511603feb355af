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

/// <summary>seconds = one epoch of plain SGD, He initialisation (seed 1; bench/peers/torch_conv.py initialises the same
/// way, so that both train): "lenet-mnist", LeNet-5 on the 60000 MNIST training images in batches of 128
/// (torch_anchor.py's network, lr 0.01); "signs-convnet", the course's SIGNS ConvNet on 1080 random 64×64×3 images with 6
/// random classes in batches of 64 (the course's batch size, lr 0.009); "cli-image", the CLI's default image model
/// (Backprop.Cli's ConvNetPlan since 2026-12-07: 3 × [Conv 3×3 same → BatchNorm → ReLU → MaxPool 2] with 16, 32, 64
/// filters → GlobalAvgPool → Dropout 0.3 → Dense 64 ReLU → Dropout 0.3 → Dense 6 softmax; rows measured before then had
/// no batch norm and no dropout) on the same 1080 random 64×64×3 images, batches of 64, lr 0.01 (plain SGD, like the
/// others, not the CLI's AdamW).</summary>
internal static class ConvWorkloads
{
    public static readonly string[] Names = ["lenet-mnist", "signs-convnet", "cli-image"];

    /// <summary>One workload's model (initialised), training data and hyperparameters.</summary>
    public sealed record Setup<T>(Sequential<T> Model, Tensor<T> X, Tensor<T> Y, int Batch, double LearningRate)
        where T : unmanaged, IFloatingPointIeee754<T>;

    public static Setup<T> Build<T>(string workload, string? dataRoot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Setup<T> setup;
        if (workload == "lenet-mnist")
        {
            var (train, _) = Mnist.Load<T>(dataRoot is null ? null : Path.Combine(dataRoot, Mnist.Folder));
            var model = new Sequential<T>(
                new Reshape<T>(28, 28, 1),
                new Conv2D<T>(1, 6, 5, 1, Padding2D.Explicit(2), Activation.Relu), new MaxPool2D<T>(2),
                new Conv2D<T>(6, 16, 5, 1, Padding2D.Valid, Activation.Relu), new MaxPool2D<T>(2),
                new Flatten<T>(),
                new Dense<T>(400, 120, Activation.Relu), new Dense<T>(120, 84, Activation.Relu), new Dense<T>(84, 10, Activation.Softmax));
            setup = new(model, train.X, train.WithOneHotTargets(10).Y, 128, 0.01);
        }
        else
        {
            var random = new NumpyRandom(0);
            var x = Tensor<T>.RandomUniform(random, 1080, 64, 64, 3);
            var labels = Enumerable.Range(0, 1080).Select(_ => (int)random.NextInterval(5)).ToArray();
            var y = Dataset<T>.OneHot(labels, 6);
            setup = workload == "signs-convnet"
                ? new(new Sequential<T>(
                    new Conv2D<T>(3, 8, 4, 1, Padding2D.Same, Activation.Relu), new MaxPool2D<T>(8, 8, Padding2D.Same),
                    new Conv2D<T>(8, 16, 2, 1, Padding2D.Same, Activation.Relu), new MaxPool2D<T>(4, 4, Padding2D.Same),
                    new Flatten<T>(), new Dense<T>(64, 6, Activation.Softmax)), x, y, 64, 0.009)
                : new(CliImageModel<T>(), x, y, 64, 0.01);
        }
        setup.Model.Initialize(Backprop.Initializers.Initializer.He, new NumpyRandom(1));
        return setup;
    }

    /// <summary>ConvNetPlan.Build for (64, 64, 3) images and 6 classes, ReLU hidden layers (without the input Reshape and
    /// the augmentation layers, which the peer has no counterpart for).</summary>
    private static Sequential<T> CliImageModel<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<Module<T>>();
        int channels = 3;
        foreach (int filters in new[] { 16, 32, 64 })
        {
            layers.Add(new Conv2D<T>(channels, filters, 3, 1, Padding2D.Same));
            layers.Add(new BatchNorm<T>(filters));
            layers.Add(new ActivationLayer<T>(Activation.Relu));
            layers.Add(new MaxPool2D<T>(2));
            channels = filters;
        }
        layers.Add(new GlobalAvgPool2D<T>());
        layers.Add(new Dropout<T>(0.3, 200));
        layers.Add(new Dense<T>(channels, 64, Activation.Relu));
        layers.Add(new Dropout<T>(0.3, 201));
        layers.Add(new Dense<T>(64, 6, Activation.Softmax));
        return new Sequential<T>([.. layers]);
    }

    public static ResultLine Run<T>(ResultLine line, string workload, string? dataRoot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (model, x, y, batch, lr) = Build<T>(workload, dataRoot);
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
