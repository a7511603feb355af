using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Serialization;

/// <summary>Model files of the transformer layers: every setting and tensor comes back, the loaded model computes the same
/// outputs, and a damaged setting is reported by place.</summary>
public sealed class TransformerModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Sequential<double> Model()
    {
        var model = new Sequential<double>(
            new PositionalEmbedding<double>(6, 8),
            new SinusoidalPositionalEncoding<double>(6, 8),
            new TransformerBlock<double>(8, 2, 16, dropout: 0.1, causal: true, epsilon: 1e-6, seed: 5),
            new MultiHeadAttention<double>(8, 4, keyWidth: 3, valueWidth: 5),
            new LayerNorm<double>(8, epsilon: 1e-4),
            new Dense<double>(8, 3, Activation.GeluTanh));
        var random = new NumpyRandom(3);
        foreach (var p in model.Parameters) p.Value.CopyFrom(Tensor<double>.RandomNormal(random, p.Value.Shape.ToArray()));
        return model;
    }

    [Fact]
    public void A_transformer_model_round_trips_with_its_settings_and_outputs()
    {
        var path = _folder.File("transformer.bp");
        var model = Model();
        ModelFile.Save(path, model);
        var loaded = (Sequential<double>)ModelFile.Load<double>(path).Model;

        Assert.Equal(model.Parameters.Select(p => p.Name), loaded.Parameters.Select(p => p.Name));
        var block = (TransformerBlock<double>)loaded.Layers[2];
        Assert.True(block.Attention.Causal);
        Assert.Equal(0.1, block.Attention.DropoutRate);
        Assert.Equal(5u, block.Attention.Seed);
        Assert.Equal(1e-6, block.MlpNorm.Epsilon);
        var attention = (MultiHeadAttention<double>)loaded.Layers[3];
        Assert.Equal((4, 3, 5), (attention.Heads, attention.KeyWidth, attention.ValueWidth));
        Assert.Equal(1e-4, ((LayerNorm<double>)loaded.Layers[4]).Epsilon);
        Assert.IsType<GeluTanhActivation>(((Dense<double>)loaded.Layers[5]).Activation);

        model.Eval();
        loaded.Eval();
        var x = Tensor<double>.RandomNormal(new NumpyRandom(4), 2, 5, 8);
        using (Graph.NoGrad())
            Assert.Equal(model.Forward(x).ToArray(), loaded.Forward(x).ToArray());
    }

    [Fact]
    public void The_architecture_names_each_transformer_layer_and_its_tensors()
    {
        var path = _folder.File("transformer.bp");
        ModelFile.Save(path, Model());
        var description = ModelFile.ReadMetadata(path);
        var types = description.Layers.Select(l => l.Type).ToArray();
        Assert.Equal(["positionalembedding", "sinusoidalpositionalencoding", "transformerblock", "multiheadattention", "layernorm", "dense"], types);
        var names = description.Tensors.Select(t => t.Name).ToArray();
        Assert.Contains("P1", names);
        Assert.Contains("3.attention.query.W", names);
        Assert.Contains("3.mlpNorm.gamma", names);
        Assert.Contains("4.output.b", names);
        Assert.Contains("gamma5", names);
    }

    [Fact]
    public void A_long_sinusoidal_table_in_a_small_model_loads()
    {
        var path = _folder.File("small.bp");
        ModelFile.Save(path, new Sequential<double>(new SinusoidalPositionalEncoding<double>(512, 4), new Dense<double>(4, 1)));
        var loaded = (Sequential<double>)ModelFile.Load<double>(path).Model;
        Assert.Equal(512, ((SinusoidalPositionalEncoding<double>)loaded.Layers[0]).Positions);
    }

    [Fact]
    public void A_bad_head_count_is_reported_by_place()
    {
        var path = _folder.File("transformer.bp");
        ModelFile.Save(path, new Sequential<double>(new MultiHeadAttention<double>(8, 2)));
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var damaged = text.Replace("\\u0022heads\\u0022:2", "\\u0022heads\\u0022:0").Replace("\\\"heads\\\":2", "\\\"heads\\\":0");
        Assert.NotEqual(text, damaged);
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(damaged));
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load<double>(path));
        Assert.Contains("layer 1", e.Message);
    }
}
