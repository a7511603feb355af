using Backprop.Layers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Tests.Ops;

namespace Backprop.Tests.Layers;

/// <summary>Every recurrent layer and option against central differences in float64 (the course's relative difference,
/// ε = 1e-7): inputs, initial states and every parameter, returning sequences or the last state.</summary>
public class RecurrentGradientCheckTests
{
    private const double Tolerance = 1e-7;

    private static Tensor<double> Random(uint seed, params int[] shape) => Tensor<double>.RandomNormal(new NumpyRandom(seed), shape);

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void SimpleRnn_gradients_match_finite_differences(bool returnSequences, bool initialState)
    {
        var layer = new SimpleRnn<double>(3, 4, returnSequences);
        var (x, h0) = (Random(1, 2, 5, 3), Random(2, 2, 4));
        Tensor<double>[] inputs = [x, h0, layer.InputWeight.Value, layer.HiddenWeight.Value, layer.Bias.Value];
        layer.Bias.Value.CopyFrom(Random(3, 4));
        double d = GradientCheck.RelativeDifference(t => layer.Forward(t[0], initialState ? t[1] : null), inputs);
        Assert.True(d < Tolerance, $"relative difference {d:E2}");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Lstm_gradients_match_finite_differences(bool returnSequences, bool initialStates)
    {
        var layer = new Lstm<double>(3, 4, returnSequences);
        var (x, h0, c0) = (Random(1, 2, 5, 3), Random(2, 2, 4), Random(3, 2, 4));
        layer.Bias.Value.CopyFrom(Random(4, 16));
        Tensor<double>[] inputs = [x, h0, c0, layer.InputWeight.Value, layer.HiddenWeight.Value, layer.Bias.Value];
        double d = GradientCheck.RelativeDifference(t => initialStates ? layer.Forward(t[0], t[1], t[2]) : layer.Forward(t[0]), inputs);
        Assert.True(d < Tolerance, $"relative difference {d:E2}");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Gru_gradients_match_finite_differences(bool returnSequences, bool initialState)
    {
        var layer = new Gru<double>(3, 4, returnSequences);
        var (x, h0) = (Random(1, 2, 5, 3), Random(2, 2, 4));
        layer.InputBias.Value.CopyFrom(Random(4, 12));
        layer.HiddenBias.Value.CopyFrom(Random(5, 12));
        Tensor<double>[] inputs = [x, h0, layer.InputWeight.Value, layer.HiddenWeight.Value, layer.InputBias.Value, layer.HiddenBias.Value];
        double d = GradientCheck.RelativeDifference(t => layer.Forward(t[0], initialState ? t[1] : null), inputs);
        Assert.True(d < Tolerance, $"relative difference {d:E2}");
    }

    [Fact]
    public void Embedding_gradient_matches_finite_differences_with_repeated_ids()
    {
        var layer = new Embedding<double>(5, 3);
        var ids = Tensor<double>.FromArray([0, 4, 4, 2, 1, 4], 2, 3);
        double d = GradientCheck.RelativeDifference(t => layer.Forward(ids), [layer.Weight.Value]);
        Assert.True(d < Tolerance, $"relative difference {d:E2}");
    }

    [Fact]
    public void Embedding_looks_up_rows_and_appends_the_vector_axis()
    {
        var layer = new Embedding<double>(4, 2);
        layer.Weight.Value.CopyFrom(Tensor<double>.FromArray([0, 1, 10, 11, 20, 21, 30, 31], 4, 2));
        var y = layer.Forward(Tensor<double>.FromArray([3, 0, 2], 1, 3));
        Assert.Equal([1, 3, 2], y.Shape.ToArray());
        Assert.Equal([30.0, 31, 0, 1, 20, 21], y.ToArray());
    }

    [Fact]
    public void Embedding_rejects_an_id_outside_the_vocabulary_in_one_line()
    {
        var layer = new Embedding<double>(4, 2);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor<double>.FromArray([1, 4], 1, 2)));
        Assert.Equal("Token ids must be whole numbers from 0 to 3; found 4 at position 1.", e.Message);
    }

    [Fact]
    public void Dense_is_time_distributed_over_sequences_and_gradient_checks()
    {
        var dense = new Dense<double>(3, 2);
        var x = Random(1, 2, 4, 3);
        var y = dense.Forward(x);
        Assert.Equal([2, 4, 2], y.Shape.ToArray());
        var step = dense.Forward(x.Reshape(8, 3)).ToArray();
        Assert.Equal(step, y.ToArray());
        double d = GradientCheck.RelativeDifference(t => dense.Forward(t[0]), [x, dense.Weight.Value, dense.Bias.Value]);
        Assert.True(d < Tolerance, $"relative difference {d:E2}");
    }

    [Fact]
    public void A_recurrent_layer_names_the_expected_shape_when_the_features_do_not_match()
    {
        var layer = new Lstm<double>(3, 4);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor<double>.Zeros(2, 5, 7)));
        Assert.Equal("A recurrent layer with 3 inputs per step got sequences of 7 features ((2, 5, 7)).", e.Message);
    }
}
