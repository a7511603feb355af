#:project ../src/Backprop/Backprop.csproj
// The course's SIGNS ConvNet (Course 4, week 1), built layer for layer, on cat vs non-cat (the SIGNS images are not
// available): Conv 8@4×4 same → ReLU → MaxPool 8/8 same → Conv 16@2×2 same → ReLU → MaxPool 4/4 same → Flatten → Dense.
// With SIGNS' 6 classes the layers have 392, 528 and 390 parameters; here the head has 2 classes (130).
// Adam α = 0.009 (the course's), mini-batches of 64. Run: BACKPROP_DATA=../shared/data dotnet run samples/convnet-cats.cs
using System.Diagnostics;
using Backprop.Data;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;

Sequential<float> Signs(int classes) => new(
    new Reshape<float>(64, 64, 3),                                   // the course's flattened rows → (m, 64, 64, 3)
    new Conv2D<float>(3, 8, 4, 1, Padding2D.Same),
    new ActivationLayer<float>(Activation.Relu),
    new MaxPool2D<float>(8, 8, Padding2D.Same),
    new Conv2D<float>(8, 16, 2, 1, Padding2D.Same),
    new ActivationLayer<float>(Activation.Relu),
    new MaxPool2D<float>(4, 4, Padding2D.Same),
    new Flatten<float>(),
    new Dense<float>(64, classes, Activation.Softmax));

foreach (var (layer, shape, parameters) in LayerShapes.Trace(Signs(6), [12288])!)
    Console.WriteLine($"{layer,-60} {LayerShapes.Format(shape),-20} {parameters,6}");

var (train, test) = CatVsNonCat.Load<float>();                      // X (209, 12288), Y (209, 1)
(train, test) = (train.WithOneHotTargets(2), test.WithOneHotTargets(2));
var model = Signs(2);
model.Initialize(Backprop.Initializers.Initializer.Xavier, new NumpyRandom(1));
var clock = Stopwatch.StartNew();
var history = model.Fit(train.X, train.Y, Loss.SoftmaxCrossEntropy, new Adam(0.009), TrainingOptions.MiniBatch(100, 64, new NumpyRandom(2)));
Console.WriteLine($"cost {history.Epochs[0].Cost:F4} after epoch 1, {history.Epochs[^1].Cost:F4} after epoch {history.Epochs.Count}; {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"train accuracy {model.Evaluate(train.X, train.Y, Loss.SoftmaxCrossEntropy).Classification!.Accuracy:P1}");
Console.WriteLine($"test accuracy {model.Evaluate(test.X, test.Y, Loss.SoftmaxCrossEntropy).Classification!.Accuracy:P1}");
