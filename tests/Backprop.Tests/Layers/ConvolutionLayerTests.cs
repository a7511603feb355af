using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Tests.Serialization;

namespace Backprop.Tests.Layers;

/// <summary>The convolutional layers as modules: parameter counts and output shapes of the course's models, whole-model
/// gradient checks in float64, model-file round trips, and steady-state steps that allocate nothing.</summary>
public sealed class ConvolutionLayerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_SIGNS_ConvNet_has_392_528_and_390_parameters_and_Keras_output_shapes()
    {
        var trace = LayerShapes.Trace(ConvolutionalNetworks.Signs<float>(), [64, 64, 3])!;
        Assert.Equal([392L, 0, 0, 528, 0, 0, 0, 390], trace.Select(t => t.Parameters));
        Assert.Equal(["(None, 64, 64, 8)", "(None, 64, 64, 8)", "(None, 8, 8, 8)", "(None, 8, 8, 16)", "(None, 8, 8, 16)", "(None, 2, 2, 16)", "(None, 64)", "(None, 6)"],
            trace.Select(t => LayerShapes.Format(t.OutputShape)));
    }

    [Fact]
    public void The_happy_house_model_has_4736_trainable_64_and_32769_parameters()
    {
        var trace = LayerShapes.Trace(ConvolutionalNetworks.HappyHouse<float>(), [64, 64, 3])!;
        Assert.Equal([0L, 4736, 64, 0, 0, 0, 32769], trace.Select(t => t.Parameters));
        Assert.Equal("(None, 70, 70, 3)", LayerShapes.Format(trace[0].OutputShape));
        Assert.Equal("(None, 32, 32, 32)", LayerShapes.Format(trace[4].OutputShape));
    }

    [Fact]
    public void A_network_with_every_convolutional_layer_passes_the_whole_model_gradient_check()
    {
        var model = ConvolutionalNetworks.EveryLayer<double>();
        model.Initialize(Backprop.Initializers.Initializer.Xavier, new NumpyRandom(3));
        var random = new NumpyRandom(4);
        var x = Tensor<double>.RandomNormal(random, 3, 72);
        var y = Backprop.Data.Dataset<double>.OneHot([0, 2, 1], 3);
        var result = GradientChecker.Check(model, x, y, Loss.SoftmaxCrossEntropy);
        Assert.InRange(result.Difference, 0, 1e-7);
    }

    [Fact]
    public void Every_convolutional_layer_saves_and_loads_with_the_same_predictions()
    {
        var model = ConvolutionalNetworks.EveryLayer<double>();
        model.Initialize(Backprop.Initializers.Initializer.Xavier, new NumpyRandom(5));
        var x = Tensor<double>.RandomNormal(new NumpyRandom(6), 4, 72);
        var path = Path.Combine(_folder.Path, "every.bp");
        ModelFile.Save(path, model);
        var loaded = ModelFile.Load<double>(path).Model;
        Assert.Equal(model.Parameters.Select(p => p.Name), loaded.Parameters.Select(p => p.Name));
        Assert.Equal(model.ToString(), loaded.ToString());
        Assert.Equal(model.PredictValues(x).ToArray(), loaded.PredictValues(x).ToArray());
    }

    [Fact]
    public void The_happy_house_model_round_trips_through_a_model_file()
    {
        var model = ConvolutionalNetworks.HappyHouse<float>();
        var path = Path.Combine(_folder.Path, "happy.bp");
        ModelFile.Save(path, model);
        var description = ModelFile.ReadMetadata(path);
        Assert.Equal(["zeropad2d", "conv2d", "batchnorm", "activation", "maxpool2d", "flatten", "dense"], description.Layers.Select(l => l.Type));
        Assert.Equal(model.ParameterCount, ModelFile.Load<float>(path).Model.ParameterCount);
    }

    [Fact]
    public void A_steady_training_step_of_a_convolutional_network_allocates_nothing_but_GEMM_s_own_bookkeeping()
    {
        var model = ConvolutionalNetworks.Signs<float>();
        var x = Tensor<float>.RandomNormal(new NumpyRandom(7), 8, 64, 64, 3);
        var y = Backprop.Data.Dataset<float>.OneHot([0, 1, 2, 3, 4, 5, 0, 1], 6);
        var optimizer = new Adam(0.001);
        var loss = Loss.SoftmaxCrossEntropy;
        void Step()
        {
            model.ZeroGrad();
            loss.Compute(model.Forward(x), y).Backward();
            optimizer.Step(model.Parameters);
        }
        // The layers, loss and optimiser allocate nothing; GEMM itself still allocates 130–250 B per call (its Parallel.For
        // closure and partitioner, docs/benchmarks.md), about 20 calls per step here. Bound that, on one GEMM thread.
        int threads = Backprop.Kernels.Gemm.MaxThreads;
        Backprop.Kernels.Gemm.MaxThreads = 1;
        try
        {
            for (int i = 0; i < 3; i++) Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++) Step();
            Assert.InRange((GC.GetAllocatedBytesForCurrentThread() - before) / 5, 0, 4096);
        }
        finally
        {
            Backprop.Kernels.Gemm.MaxThreads = threads;
        }
    }

    [Fact]
    public void Layer_settings_that_make_no_sense_are_one_clear_error()
    {
        Assert.Contains("kernel", Assert.Throws<ArgumentException>(() => new Conv2D<float>(3, 8, 0)).Message);
        Assert.Contains("input channel", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D<float>(0, 8, 3)).Message);
        var e = Assert.Throws<ArgumentException>(() => new Conv2D<float>(3, 8, 3).Forward(Tensor<float>.Zeros(1, 5, 5, 4)));
        Assert.Contains("expects 3 input channels", e.Message);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => Backprop.Ops.Convolution.Padding2D.Parse("sam")).Message);
    }
}
