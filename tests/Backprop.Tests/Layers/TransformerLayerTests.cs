using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>What the transformer layers compute, checked by value: layer norm's rows, the masks' independence claims,
/// the sinusoidal table, dropout only in training, GELU's known values, and the shapes they refuse.</summary>
public class TransformerLayerTests
{
    private static Tensor<double> Random(uint seed, params int[] shape) => Tensor<double>.RandomNormal(new NumpyRandom(seed), shape);

    [Fact]
    public void LayerNorm_gives_each_row_mean_0_and_variance_1_then_scales_and_shifts()
    {
        var norm = new LayerNorm<double>(3, epsilon: 1e-12);
        norm.Scale.Value.CopyFrom(Tensor<double>.Vector(2, 1, 1));
        norm.Shift.Value.CopyFrom(Tensor<double>.Vector(0, 0, 5));
        var y = norm.Forward(Tensor<double>.FromRows(new double[,] { { 1, 2, 3 }, { 10, 10, 40 } }));
        // Row 0: μ = 2, σ² = 2/3 → x̂ = −1.2247…, 0, 1.2247…; row 1: μ = 20, σ² = 200 → x̂ = −0.7071…, −0.7071…, 1.4142….
        Assert.Equal(-2 * Math.Sqrt(1.5), y[0, 0], 10);
        Assert.Equal(0, y[0, 1], 10);
        Assert.Equal(5 + Math.Sqrt(2), y[1, 2], 10);
        Assert.Equal(-Math.Sqrt(0.5), y[1, 1], 10);
    }

    [Fact]
    public void Gelu_has_its_known_values()
    {
        var y = Op.Gelu(Tensor<double>.Vector(-1, 0, 1, 3, -10, 10));
        // Φ(1) = 0.841344746068543, Φ(3) = 0.998650101968370.
        Assert.Equal(-(1 - 0.841344746068543), y[0], 14);
        Assert.Equal(0, y[1]);
        Assert.Equal(0.841344746068543, y[2], 14);
        Assert.Equal(3 * 0.998650101968370, y[3], 14);
        Assert.Equal(0, y[4], 14);
        Assert.Equal(10, y[5], 14);
        Assert.Same(Activation.Gelu, Activation.Parse("gelu"));
        Assert.Same(Activation.GeluTanh, Activation.Parse(Activation.GeluTanh.Name));
        var t = Op.GeluTanh(Tensor<double>.Vector(1));
        Assert.Equal(0.5 * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * 1.044715)), t[0], 14);
    }

    [Fact]
    public void A_causal_output_does_not_depend_on_later_positions()
    {
        var attention = new MultiHeadAttention<double>(8, 2, causal: true);
        var x = Random(1, 1, 5, 8);
        var before = attention.Forward(x).Clone();
        for (int j = 0; j < 8; j++) x[0, 4, j] += 3; // change the last position only
        var after = attention.Forward(x);
        for (int t = 0; t < 4; t++)
            for (int j = 0; j < 8; j++) Assert.Equal(before[0, t, j], after[0, t, j], 12);
        Assert.NotEqual(before[0, 4, 0], after[0, 4, 0]);
    }

    [Fact]
    public void Padded_keys_are_never_attended_to()
    {
        var attention = new MultiHeadAttention<double>(8, 4);
        var x = Random(1, 2, 5, 8);
        var padding = TransformerGradientCheckTests.Padding(2, 5);
        var before = attention.Forward(x, padding).Clone();
        for (int j = 0; j < 8; j++) { x[0, 4, j] = 100; x[1, 3, j] = -7; x[1, 4, j] = 9; }
        var after = attention.Forward(x, padding);
        for (int t = 0; t < 3; t++)
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(before[0, t, j], after[0, t, j], 12);
                Assert.Equal(before[1, t, j], after[1, t, j], 12);
            }
    }

    [Fact]
    public void A_row_with_every_key_masked_gets_zero_weights()
    {
        var p = Op.ScaledMaskedSoftmax(Random(1, 1, 2, 3), 1.0, keyPadding: Tensor<double>.FromRows(new double[,] { { 1, 1, 1 } }));
        Assert.All(p.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Attention_weights_sum_to_one_and_are_zero_above_the_diagonal_when_causal()
    {
        var p = Op.ScaledMaskedSoftmax(Random(2, 2, 3, 4, 4), 0.5, causal: true);
        for (int r = 0; r < 24; r++)
        {
            var row = p.AsReadOnlySpan().Slice(r * 4, 4);
            int query = r % 4;
            Assert.Equal(1, row.ToArray().Sum(), 12);
            for (int j = query + 1; j < 4; j++) Assert.Equal(0, row[j]);
        }
    }

    [Fact]
    public void Dropout_on_attention_weights_acts_in_training_only()
    {
        var attention = new MultiHeadAttention<double>(8, 2, dropout: 0.5, seed: 3);
        var plain = new MultiHeadAttention<double>(8, 2);
        for (int i = 0; i < attention.Parameters.Count; i++) plain.Parameters[i].Value.CopyFrom(attention.Parameters[i].Value);
        var x = Random(1, 2, 4, 8);
        var expected = plain.Forward(x).Clone();
        Assert.NotEqual(expected.ToArray(), attention.Forward(x).ToArray());
        attention.Eval();
        Assert.Equal(expected.ToArray(), attention.Forward(x).ToArray());
    }

    [Fact]
    public void The_sinusoidal_table_follows_the_paper()
    {
        var encoding = new SinusoidalPositionalEncoding<double>(10, 6);
        var table = encoding.Table;
        Assert.Equal(0, table[0, 0]);
        Assert.Equal(1, table[0, 1]);
        Assert.Equal(Math.Sin(3), table[3, 0], 15);
        Assert.Equal(Math.Cos(3 / Math.Pow(10000, 2.0 / 6)), table[3, 3], 15);
        var y = encoding.Forward(Tensor<double>.Zeros(2, 4, 6));
        Assert.Equal(table[3, 5], y[1, 3, 5]);
    }

    [Fact]
    public void BatchedMatMul_multiplies_each_matrix_of_the_batch()
    {
        var (a, b) = (Random(1, 2, 3, 4), Random(2, 2, 4, 5));
        var c = Op.BatchedMatMul(a, b);
        for (int n = 0; n < 2; n++)
        {
            var expected = Tensor<double>.MatMul(a.Row(n), b.Row(n));
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 5; j++) Assert.Equal(expected[i, j], c[n, i, j], 12);
        }
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_refused_with_a_message()
    {
        Assert.Throws<ArgumentException>(() => Op.BatchedMatMul(Random(1, 2, 3, 4), Random(1, 3, 4, 5)));
        Assert.Throws<ArgumentException>(() => Op.BatchedMatMul(Random(1, 3, 4), Random(1, 3, 5)));
        Assert.Throws<ArgumentException>(() => new LayerNorm<double>(4).Forward(Random(1, 2, 5)));
        Assert.Throws<ArgumentException>(() => new MultiHeadAttention<double>(6, 4));
        Assert.Throws<ArgumentException>(() => new MultiHeadAttention<double>(8, 2).Forward(Random(1, 4, 8)));
        Assert.Throws<ArgumentException>(() => new PositionalEmbedding<double>(3, 4).Forward(Random(1, 2, 4, 4)));
        Assert.Throws<ArgumentException>(() => Op.ScaledMaskedSoftmax(Random(1, 2, 3, 4), 1.0, causal: true));
    }

    [Fact]
    public void A_transformer_block_builds_on_token_embeddings_and_trains_through_every_weight()
    {
        var embedding = new Embedding<double>(7, 8);
        var positions = new PositionalEmbedding<double>(6, 8);
        var block = new TransformerBlock<double>(8, 2, 16, causal: true);
        var ids = Tensor<double>.FromArray([0, 3, 6, 2, 1, 5, 5, 4], 2, 4);
        Graph.BeginStep();
        var y = block.Forward(positions.Forward(embedding.Forward(ids)));
        Assert.Equal([2, 4, 8], y.Shape.ToArray());
        Op.Sum(Op.Square(y)).Backward();
        foreach (var p in block.Parameters.Concat(positions.Parameters).Concat(embedding.Parameters))
            Assert.True(p.Gradient.ToArray().Any(v => v != 0), $"{p.Name} got no gradient");
    }
}
