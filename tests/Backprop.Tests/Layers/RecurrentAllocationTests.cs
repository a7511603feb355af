using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Ops;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>A steady training step of each recurrent layer (forward, backward) allocates nothing once its buffers exist.</summary>
public class RecurrentAllocationTests
{
    internal static long StepBytes(Module<float> layer, Tensor<float> x)
    {
        var seed = Tensor<float>.RandomNormal(new NumpyRandom(2), layer.Forward(x).ShapeArray);
        var parameters = layer.Parameters;
        Graph.BeginStep();
        long start = 0;
        for (int i = 0; i < 8; i++)
        {
            if (i == 4) start = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < parameters.Count; k++) parameters[k].ZeroGrad(); // (Module.ZeroGrad's foreach boxes an enumerator)
            Graph.BeginStep();
            layer.Forward(x).Backward(seed);
        }
        return (GC.GetAllocatedBytesForCurrentThread() - start) / 4;
    }

    [Theory]
    [InlineData("rnn")]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("embedding")]
    public void A_steady_recurrent_step_allocates_nothing(string kind)
    {
        var x = Tensor<float>.RandomNormal(new NumpyRandom(1), 8, 6, 5);
        Module<float> layer = kind switch
        {
            "rnn" => new SimpleRnn<float>(5, 7),
            "lstm" => new Lstm<float>(5, 7),
            "gru" => new Gru<float>(5, 7),
            _ => new Embedding<float>(9, 4),
        };
        if (kind == "embedding") x = Tensor<float>.FromArray(Enumerable.Range(0, 48).Select(i => (float)(i % 9)).ToArray(), 8, 6);
        Assert.Equal(0, StepBytes(layer, x));
    }
}
