using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Ops;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>Inverted dropout: kept units scaled by 1/(1 − rate), dropped ones zero, seeded, identity in evaluation.</summary>
public class DropoutTests
{
    [Fact]
    public void In_training_each_unit_is_dropped_or_scaled_by_one_over_keep_probability_with_NumPy_draws()
    {
        var x = Tensor<double>.Ones(2, 5);
        var y = Op.Dropout(x, 0.4, new NumpyRandom(1));

        // np.random.seed(1); np.random.rand(10) ≥ 0.4 → the first draw 0.417022 keeps, the second 0.720324 keeps,
        // the third 0.000114 drops: the course's D = (rand < keep_prob) with keep_prob = 0.6 reads the same draws.
        var draws = new NumpyRandom(1);
        var expected = Enumerable.Range(0, 10).Select(_ => draws.NextDouble() >= 0.4 ? 1 / 0.6 : 0).ToArray();
        Assert.Equal(expected, y.ToArray());
        Assert.Equal(0, y[0, 2]);
    }

    [Fact]
    public void The_layer_draws_batch_k_from_a_generator_seeded_with_mix_of_seed_and_k_so_a_resumed_run_repeats_its_masks()
    {
        var x = Tensor<double>.Ones(2, 5);
        var layer = new Dropout<double>(0.4, seed: 1);
        var first = layer.Forward(x).ToArray();
        var second = layer.Forward(x).ToArray();

        double[] Mask(long k)
        {
            var draws = new NumpyRandom(Augmentation<double>.BatchSeed(1, k));
            return Enumerable.Range(0, 10).Select(_ => draws.NextDouble() >= 0.4 ? 1 / 0.6 : 0).ToArray();
        }
        Assert.Equal(Mask(0), first);
        Assert.Equal(Mask(1), second);
        Assert.NotEqual(first, second);
        layer.Batches = 1; // a run resumed after one step
        Assert.Equal(second, layer.Forward(x).ToArray());
    }

    [Fact]
    public void In_evaluation_dropout_is_the_identity()
    {
        var dropout = new Dropout<double>(0.9);
        dropout.Eval();
        var x = Tensor<double>.FromRows(new double[,] { { 1, 2, 3 } });
        Assert.Same(x, dropout.Forward(x));
    }

    [Fact]
    public void The_same_seed_gives_the_same_masks_and_the_mean_is_kept()
    {
        var x = Tensor<double>.Ones(200, 50);
        var a = new Dropout<double>(0.3, seed: 7).Forward(x).ToArray();
        var b = new Dropout<double>(0.3, seed: 7).Forward(x).ToArray();
        Assert.Equal(a, b);
        Assert.Equal(1.0, a.Average(), 1); // E[Y] = X
    }

    [Fact]
    public void A_rate_outside_zero_to_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<float>(1.0));

    [Fact]
    public void The_gradient_flows_only_through_the_kept_units()
    {
        var x = Tensor<double>.Ones(1, 10);
        x.RequiresGrad = true;
        var y = Op.Dropout(x, 0.5, new NumpyRandom(3));
        Op.Sum(y).Backward();
        Assert.Equal(y.ToArray(), x.Grad!.ToArray());
    }
}
