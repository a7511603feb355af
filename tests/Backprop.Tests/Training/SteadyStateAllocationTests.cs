using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Training;

/// <summary>A training step on the graph allocates nothing once warm: fused ops reuse their nodes and buffers, the
/// engine's visit order and gradient buffers are reused, and losses draw their nodes from a pool. (Sizes stay below the
/// GEMM's threading threshold, so the count is of this thread's work alone.)</summary>
public class SteadyStateAllocationTests
{
    [Theory]
    [InlineData("binary")]
    [InlineData("multiclass")]
    [InlineData("regression")]
    public void A_warm_training_step_allocates_zero_bytes(string task)
    {
        var random = new NumpyRandom(1);
        int outputs = task == "multiclass" ? 3 : 1;
        var output = task switch { "binary" => Activation.Sigmoid, "multiclass" => Activation.Softmax, _ => Activation.Linear };
        var loss = ModelTask.ForOutput(output).Loss;
        var model = new Sequential<float>(
            new Dense<float>(12, 16, Activation.Relu), new BatchNorm<float>(16), new Dropout<float>(0.2, seed: 3),
            new Dense<float>(16, 8, Activation.LeakyRelu()), new Dense<float>(8, outputs, output));
        var x = Tensor<float>.RandomNormal(random, 32, 12);
        var y = Tensor<float>.Zeros(32, outputs);
        for (int i = 0; i < 32; i++) y[i, task == "multiclass" ? i % 3 : 0] = task == "regression" ? i * 0.1f : i % 2;
        var optimizer = new Adam(0.01);

        Assert.Equal(0, WarmBytes(() => Step(model, x, y, loss, optimizer)));
    }

    [Fact]
    public void A_warm_training_step_through_the_augmentation_layers_allocates_zero_bytes()
    {
        var random = new NumpyRandom(2);
        var model = new Sequential<float>(new Reshape<float>(6, 6, 2), new RandomFlip<float>(1), new RandomTranslation<float>(0.2, 2),
            new ColorJitter<float>(0.2, 0.2, 3), new Flatten<float>(), new Dense<float>(72, 1, Activation.Sigmoid));
        model.Initialize(Backprop.Initializers.Initializer.Xavier, random);
        var x = Tensor<float>.RandomUniform(random, 16, 72);
        var y = Tensor<float>.Zeros(16, 1);
        for (int i = 0; i < 16; i += 2) y[i, 0] = 1;
        var loss = ModelTask.ForOutput(Activation.Sigmoid).Loss;
        var optimizer = new Adam(0.01);
        Assert.Equal(0, WarmBytes(() => Step(model, x, y, loss, optimizer)));
    }

    /// <summary>Bytes this thread allocates in 10 steps after 3 warm-up steps: the least of three windows, since a per-step
    /// allocation shows in every window, while a one-off in this process (a method tiering up, a type initialised by a test
    /// running beside this one) shows in one at most.</summary>
    private static long WarmBytes(Action step)
    {
        for (int i = 0; i < 3; i++) step();
        long least = long.MaxValue;
        for (int window = 0; window < 3 && least > 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) step();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    private static void Step(Module<float> model, Tensor<float> x, Tensor<float> y, ILoss loss, IOptimizer optimizer)
    {
        model.ZeroGrad();
        Graph.BeginStep();
        loss.Compute(model.Forward(x), y).Backward();
        optimizer.Step(model.Parameters);
    }
}
