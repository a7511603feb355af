using System.Text.Json;
using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Ops;
using Backprop.Tensors;
using static Backprop.Tests.Layers.TorchCases;

namespace Backprop.Tests.Layers;

/// <summary>The transformer pieces against PyTorch 1.13 in float64 (transformer/torch_transformer_cases.json, made by
/// torch_transformer_cases.py beside it): outputs and the gradients of J = Σ output ∘ R for the input and every weight, to
/// 1e-10. PyTorch's in_proj_weight [W_Q; W_K; W_V] (3·d_model, d_model) and in_proj_bias are split into our three
/// projections; everything else is copied as is.</summary>
public class TransformerTorchOracleTests
{
    private const string Fixture = "transformer/torch_transformer_cases.json";

    [Theory]
    [InlineData("layernorm_2x3x5")]
    [InlineData("layernorm_4x6_eps1e-3")]
    public void LayerNorm_matches_pytorch(string name)
    {
        var c = Case(Fixture, name);
        var x = Input(c);
        var norm = new LayerNorm<double>(x.Dim(-1), c.GetProperty("config").GetProperty("eps").GetDouble());
        norm.Scale.Value.CopyFrom(Array(c, "params", "weight"));
        norm.Shift.Value.CopyFrom(Array(c, "params", "bias"));
        Run(c, x, norm.Forward(x));
        Near(Array(c, "grads", "weight"), norm.Scale.Gradient, "dγ");
        Near(Array(c, "grads", "bias"), norm.Shift.Gradient, "dβ");
    }

    [Theory]
    [InlineData("gelu_exact")]
    [InlineData("gelu_tanh")]
    public void Gelu_matches_pytorch(string name)
    {
        var c = Case(Fixture, name);
        var x = Input(c);
        Run(c, x, name == "gelu_exact" ? Op.Gelu(x) : Op.GeluTanh(x));
    }

    [Theory]
    [InlineData("mha_h1")]
    [InlineData("mha_h2")]
    [InlineData("mha_h4")]
    [InlineData("mha_h2_causal")]
    [InlineData("mha_h4_causal")]
    [InlineData("mha_h2_padding")]
    public void MultiHeadAttention_matches_pytorch(string name)
    {
        var c = Case(Fixture, name);
        var config = c.GetProperty("config");
        var x = Input(c);
        var attention = new MultiHeadAttention<double>(config.GetProperty("width").GetInt32(), config.GetProperty("heads").GetInt32(),
            causal: config.GetProperty("causal").GetBoolean());
        LoadAttention(c, "", attention);
        var padding = c.TryGetProperty("masks", out _) ? Array(c, "masks", "key_padding") : null;
        Run(c, x, attention.Forward(x, padding));
        CheckAttentionGradients(c, "", attention);
    }

    [Theory]
    [InlineData("encoder_prenorm_gelu")]
    [InlineData("encoder_prenorm_gelu_causal")]
    public void TransformerBlock_matches_pytorch_TransformerEncoderLayer_with_norm_first(string name)
    {
        var c = Case(Fixture, name);
        var config = c.GetProperty("config");
        var x = Input(c);
        var block = new TransformerBlock<double>(config.GetProperty("width").GetInt32(), config.GetProperty("heads").GetInt32(),
            config.GetProperty("hidden").GetInt32(), causal: config.GetProperty("causal").GetBoolean());
        LoadAttention(c, "self_attn.", block.Attention);
        (Parameter<double> Ours, string Theirs)[] pairs =
        [
            (block.AttentionNorm.Scale, "norm1.weight"), (block.AttentionNorm.Shift, "norm1.bias"),
            (block.MlpNorm.Scale, "norm2.weight"), (block.MlpNorm.Shift, "norm2.bias"),
            (block.Expand.Weight, "linear1.weight"), (block.Expand.Bias, "linear1.bias"),
            (block.Contract.Weight, "linear2.weight"), (block.Contract.Bias, "linear2.bias"),
        ];
        foreach (var (ours, theirs) in pairs) ours.Value.CopyFrom(Array(c, "params", theirs));
        Run(c, x, block.Forward(x));
        CheckAttentionGradients(c, "self_attn.", block.Attention);
        foreach (var (ours, theirs) in pairs) Near(Array(c, "grads", theirs), ours.Gradient, "d" + theirs);
    }

    private static Tensor<double> Input(JsonElement c)
    {
        var x = Array(c, "inputs", "x");
        x.RequiresGrad = true;
        return x;
    }

    /// <summary>Checks the output, back-propagates J = Σ y ∘ R and checks dx.</summary>
    private static void Run(JsonElement c, Tensor<double> x, Tensor<double> y)
    {
        Near(Array(c, "outputs", "y"), y, "output");
        Op.Sum(Op.Multiply(y, Array(c, "R", "y"))).Backward();
        Near(Array(c, "grads", "x"), x.Grad!, "dx");
    }

    private static void LoadAttention(JsonElement c, string prefix, MultiHeadAttention<double> attention)
    {
        var (w, b) = (Array(c, "params", prefix + "in_proj_weight"), Array(c, "params", prefix + "in_proj_bias"));
        int width = attention.Width;
        Dense<double>[] projections = [attention.Query, attention.Key, attention.Value];
        for (int i = 0; i < 3; i++)
        {
            projections[i].Weight.Value.CopyFrom(Block(w, i, width));
            projections[i].Bias.Value.CopyFrom(Block(b, i, width));
        }
        attention.Output.Weight.Value.CopyFrom(Array(c, "params", prefix + "out_proj.weight"));
        attention.Output.Bias.Value.CopyFrom(Array(c, "params", prefix + "out_proj.bias"));
    }

    private static void CheckAttentionGradients(JsonElement c, string prefix, MultiHeadAttention<double> attention)
    {
        var (dw, db) = (Array(c, "grads", prefix + "in_proj_weight"), Array(c, "grads", prefix + "in_proj_bias"));
        Dense<double>[] projections = [attention.Query, attention.Key, attention.Value];
        string[] names = ["W_Q", "W_K", "W_V"];
        for (int i = 0; i < 3; i++)
        {
            Near(Block(dw, i, attention.Width), projections[i].Weight.Gradient, "d" + names[i]);
            Near(Block(db, i, attention.Width), projections[i].Bias.Gradient, "db of " + names[i]);
        }
        Near(Array(c, "grads", prefix + "out_proj.weight"), attention.Output.Weight.Gradient, "dW_O");
        Near(Array(c, "grads", prefix + "out_proj.bias"), attention.Output.Bias.Gradient, "db_O");
    }

    /// <summary>Rows [i·n, (i+1)·n) of a stacked (3n, …) or (3n) tensor.</summary>
    private static Tensor<double> Block(Tensor<double> stacked, int i, int n)
    {
        int per = stacked.Length / stacked.Dim(0);
        var data = stacked.AsReadOnlySpan().Slice(i * n * per, n * per).ToArray();
        return stacked.Rank == 1 ? Tensor<double>.FromArray(data, n) : Tensor<double>.FromArray(data, n, stacked.Dim(1));
    }
}
