using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>Batch norm: batch statistics and running averages in training, the running statistics in evaluation, per
/// feature for tables and per channel for channels-last images; the whole-model gradient check in both modes.</summary>
public class BatchNormTests
{
    [Fact]
    public void Training_normalises_each_feature_to_mean_0_and_variance_1_then_scales_and_shifts()
    {
        var norm = new BatchNorm<double>(2, epsilon: 1e-12);
        norm.Scale.Value.CopyFrom(Tensor<double>.Vector(2, 1));
        norm.Shift.Value.CopyFrom(Tensor<double>.Vector(0, 5));
        var x = Tensor<double>.FromRows(new double[,] { { 1, 10 }, { 3, 10 }, { 5, 40 } });

        var y = norm.Forward(x);

        // Feature 0: μ = 3, σ² = 8/3 → x̂ = ∓1.2247…, 0; ×2. Feature 1: μ = 20, σ² = 200 → x̂ = −0.7071…, −0.7071…, 1.4142…; +5.
        Assert.Equal(-2 * Math.Sqrt(1.5), y[0, 0], 10);
        Assert.Equal(0, y[1, 0], 10);
        Assert.Equal(5 + Math.Sqrt(2), y[2, 1], 10);
        // Running statistics move 10 % of the way: mean 0.1·μ, variance 0.9·1 + 0.1·σ²·n/(n − 1).
        Assert.Equal(0.3, norm.RunningMean[0], 12);
        Assert.Equal(0.9 + 0.1 * 4, norm.RunningVariance[0], 12);
    }

    [Fact]
    public void Evaluation_uses_the_running_statistics()
    {
        var norm = new BatchNorm<double>(1);
        norm.RunningMean.Fill(2);
        norm.RunningVariance.Fill(4 - 1e-5);
        norm.Eval();
        var y = norm.Forward(Tensor<double>.FromRows(new double[,] { { 4 }, { 0 } }));
        Assert.Equal([1.0, -1.0], y.ToArray().Select(v => Math.Round(v, 10)));
    }

    [Fact]
    public void Channels_last_images_are_normalised_per_channel()
    {
        var random = new NumpyRandom(2);
        var x = Tensor<double>.RandomNormal(random, 3, 2, 2, 4);
        var y = new BatchNorm<double>(4).Forward(x).ToArray();
        for (int c = 0; c < 4; c++)
        {
            var channel = y.Where((_, i) => i % 4 == c).ToArray();
            Assert.Equal(0, channel.Average(), 10);
            Assert.Equal(1, channel.Select(v => v * v).Average(), 3);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_network_with_batch_norm_passes_the_gradient_check_in_both_modes(bool training)
    {
        var random = new NumpyRandom(5);
        var x = Tensor<double>.RandomNormal(random, 6, 3);
        var y = Tensor<double>.FromRows(new double[,] { { 1 }, { 0 }, { 1 }, { 1 }, { 0 }, { 0 } });
        var norm = new BatchNorm<double>(4, momentum: 0);
        var model = new Sequential<double>(new Dense<double>(3, 4), norm, new ActivationLayer<double>(Activation.Tanh), new Dense<double>(4, 1, Activation.Sigmoid));
        model.Initialize(Initializer.Xavier, new NumpyRandom(1));
        norm.Scale.Value.CopyFrom(Tensor<double>.Vector(1.5, 0.5, 1, 2));
        norm.RunningMean.CopyFrom(Tensor<double>.Vector(0.1, -0.1, 0.2, 0));
        if (!training) model.Eval();

        var result = GradientChecker.Check(model, x, y, Loss.BinaryCrossEntropy);

        Assert.True(result.Difference < 1e-7, result.ToString());
    }

    [Fact]
    public void Batch_norm_round_trips_through_a_model_file_with_its_running_statistics()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bn-{Guid.NewGuid():N}.bp");
        try
        {
            var norm = new BatchNorm<float>(2, momentum: 0.2);
            norm.RunningMean.CopyFrom(Tensor<float>.Vector(1.5f, -2));
            var model = new Sequential<float>(new Dense<float>(3, 2), norm, new Dropout<float>(0.25, seed: 9), new ActivationLayer<float>(Activation.Relu));
            ModelFile.Save(path, model);

            var loaded = (Sequential<float>)ModelFile.Load<float>(path).Model;

            Assert.Equal(["W1", "b1", "gamma2", "beta2"], loaded.Parameters.Select(p => p.Name));
            var back = (BatchNorm<float>)loaded.Layers[1];
            Assert.Equal([1.5f, -2], back.RunningMean.ToArray());
            Assert.Equal(0.2, back.Momentum);
            Assert.Equal(0.25, ((Dropout<float>)loaded.Layers[2]).Rate);
            Assert.Equal(9u, ((Dropout<float>)loaded.Layers[2]).Seed);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
