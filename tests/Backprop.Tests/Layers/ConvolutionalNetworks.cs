using System.Numerics;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;

namespace Backprop.Tests.Layers;

/// <summary>The course's convolutional models, layer for layer, for the tests.</summary>
internal static class ConvolutionalNetworks
{
    /// <summary>The SIGNS ConvNet (Course 4, week 1): Conv 8@4×4 same, ReLU, MaxPool 8/8 same, Conv 16@2×2 same, ReLU,
    /// MaxPool 4/4 same, Flatten, Dense 6 (softmax) on 64 × 64 × 3 images.</summary>
    public static Sequential<T> Signs<T>() where T : unmanaged, IFloatingPointIeee754<T> => new(
        new Conv2D<T>(3, 8, 4, 1, Padding2D.Same),
        new ActivationLayer<T>(Activation.Relu),
        new MaxPool2D<T>(8, 8, Padding2D.Same),
        new Conv2D<T>(8, 16, 2, 1, Padding2D.Same),
        new ActivationLayer<T>(Activation.Relu),
        new MaxPool2D<T>(4, 4, Padding2D.Same),
        new Flatten<T>(),
        new Dense<T>(64, 6, Activation.Softmax));

    /// <summary>The happy-house model (Course 4, week 2 Keras tutorial): ZeroPad 3, Conv 32@7×7, BatchNorm, ReLU, MaxPool 2,
    /// Flatten, Dense 1 (sigmoid) on 64 × 64 × 3 images.</summary>
    public static Sequential<T> HappyHouse<T>() where T : unmanaged, IFloatingPointIeee754<T> => new(
        new ZeroPad2D<T>(3),
        new Conv2D<T>(3, 32, 7),
        new BatchNorm<T>(32),
        new ActivationLayer<T>(Activation.Relu),
        new MaxPool2D<T>(2),
        new Flatten<T>(),
        new Dense<T>(32768, 1, Activation.Sigmoid));

    /// <summary>A small network with every convolutional layer type, for gradient checks and round trips.</summary>
    public static Sequential<T> EveryLayer<T>() where T : unmanaged, IFloatingPointIeee754<T> => new(
        new Reshape<T>(6, 6, 2),
        new ZeroPad2D<T>(1, 0, 0, 1),
        new Conv2D<T>(2, 3, (3, 2), (1, 2), Padding2D.Same, Activation.Tanh),
        new AvgPool2D<T>(2, 1, Padding2D.Valid),
        new Conv2D<T>(3, 4, 2, 1, Padding2D.Explicit(1), Activation.Sigmoid, dilation: 2, useBias: false),
        new MaxPool2D<T>(3, 2, Padding2D.Explicit(1), ceilMode: true),
        new Conv2D<T>(4, 4, 1),
        new GlobalAvgPool2D<T>(),
        new Dense<T>(4, 3, Activation.Softmax));
}
