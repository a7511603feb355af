using Backprop.Layers;
using Backprop.Models;
using Backprop.Onnx;
using Backprop.Randomness;
using Backprop.Serialization;
using Backprop.Tensors;
using Google.Protobuf;
using Xunit.Abstractions;

namespace Backprop.Tests.Onnx;

/// <summary>A whole GPT (Embedding → PositionalEmbedding → 2 causal TransformerBlocks → LayerNorm → Dense logits), built by
/// hand in float32 and exported with a variable length: int64 token ids [batch, time] in, logits [batch, time, V] out, and
/// ONNX Runtime gives our logits to 1e-5 at the full context and at shorter lengths, with the causal mask intact.</summary>
public class OnnxGptTests(ITestOutputHelper output)
{
    private const int Vocabulary = 13, Context = 8;

    [Fact]
    public void A_variable_length_GPT_takes_int64_tokens_and_gives_our_logits_at_every_length_to_1e_5()
    {
        var model = Trained();
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { VariableLength = true });
        var graph = Backprop.Onnx.Proto.ModelProto.Parser.ParseFrom(bytes).Graph;
        Assert.Equal((int)Backprop.Onnx.Proto.TensorProto.Types.DataType.Int64, graph.Input[0].Type.TensorType.ElemType);
        Assert.Equal("input 'tokens' int64 [batch, time] → output 'output' [batch, time, 13]", OnnxSummary.Describe(bytes).Split(';')[0]);

        double worst = 0;
        foreach (int steps in new[] { Context, 5, 1 })
        {
            var ids = Ids(new NumpyRandom((uint)steps), 3, steps);
            var ours = model.PredictValues(ids);
            var theirs = OnnxRuntimeRunner.Run(bytes, ids);
            Assert.Equal([3, steps, Vocabulary], theirs.Shape.ToArray());
            double difference = OnnxRuntimeRunner.MaxDifference(theirs, ours);
            Assert.True(difference <= 1e-5, $"T = {steps}: difference {difference:G3}");
            worst = Math.Max(worst, OnnxRuntimeRunner.MaxAbsolute(theirs, ours));
        }
        output.WriteLine($"max |ONNX Runtime − Backprop| over the logits: {worst:G3}");
    }

    [Fact]
    public void The_exported_GPT_is_causal_a_later_token_changes_no_earlier_logits()
    {
        var bytes = OnnxExport.ToBytes(Trained(), new OnnxExportOptions { VariableLength = true });
        var ids = Ids(new NumpyRandom(5), 1, 6);
        var before = OnnxRuntimeRunner.Run(bytes, ids).AsReadOnlySpan().ToArray();
        ids.AsSpan()[5] = (ids.AsSpan()[5] + 1) % Vocabulary;
        var after = OnnxRuntimeRunner.Run(bytes, ids).AsReadOnlySpan().ToArray();
        Assert.Equal(before[..(5 * Vocabulary)], after[..(5 * Vocabulary)]);
        Assert.NotEqual(before[(5 * Vocabulary)..], after[(5 * Vocabulary)..]);
    }

    [Fact]
    public void A_fixed_length_export_keeps_the_context_as_the_time_axis()
    {
        var bytes = OnnxExport.ToBytes(Trained());
        Assert.StartsWith($"input 'tokens' int64 [batch, {Context}] → output 'output' [batch, {Context}, {Vocabulary}]", OnnxSummary.Describe(bytes));
    }

    [Fact]
    public void A_variable_length_GPT_imports_back_as_the_same_layers_and_predicts_the_same_bits_at_any_length()
    {
        var model = Trained();
        var again = (Sequential<float>)OnnxImport.FromBytes<float>(OnnxExport.ToBytes(model, new OnnxExportOptions { VariableLength = true }), "gpt").Model;
        Assert.Equal(model.Layers.Select(l => l.ToString()), again.Layers.Select(l => l.ToString()));
        Assert.All(again.Layers.OfType<TransformerBlock<float>>(), b => Assert.True(b.Attention.Causal));
        foreach (int steps in new[] { Context, 3 })
        {
            var ids = Ids(new NumpyRandom(9), 2, steps);
            Assert.Equal(model.PredictValues(ids).AsReadOnlySpan().ToArray(), again.PredictValues(ids).AsReadOnlySpan().ToArray());
        }
    }

    [Fact]
    public void Import_refuses_an_attention_mask_that_is_not_causal()
    {
        var proto = Backprop.Onnx.Proto.ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(Trained()));
        var mask = proto.Graph.Initializer.First(t => t.Name.EndsWith(".causal_mask", StringComparison.Ordinal));
        var bytes = mask.RawData.ToByteArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(Context * sizeof(float)), -1e9f); // row 1, column 0: below the diagonal
        mask.RawData = ByteString.CopyFrom(bytes);
        var e = Assert.Throws<ModelFileException>(() => OnnxImport.FromBytes<float>(proto.ToByteArray(), "gpt.onnx"));
        Assert.Contains("not causal", e.Message);
    }

    [Fact]
    public void A_layer_whose_size_depends_on_T_is_refused_after_a_variable_length()
    {
        var model = new Sequential<float>(new Embedding<float>(5, 3), new Flatten<float>(), new Dense<float>(12, 2));
        var e = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model, new OnnxExportOptions { InputShape = [4], VariableLength = true }));
        Assert.Contains("variable-length", e.Message);
    }

    /// <summary>The hand-built GPT with weights and biases drawn away from their starting values (biases are 0 at first,
    /// so a mix-up of bias slots would not show otherwise).</summary>
    private static Sequential<float> Trained()
    {
        var model = OnnxTestModels.Gpt(Vocabulary, Context, width: 16, heads: 2, blocks: 2);
        var random = new NumpyRandom(7);
        model.Initialize(new Backprop.Initializers.XavierInitializer(), random);
        foreach (var (_, p) in model.NamedParameters().Where(p => p.Parameter.Role is ParameterRole.Bias or ParameterRole.Shift or ParameterRole.Scale))
        {
            var noise = Tensor<float>.RandomNormal(random, p.Value.Length).AsReadOnlySpan();
            var b = p.Value.AsSpan();
            for (int i = 0; i < b.Length; i++) b[i] += 0.3f * noise[i];
        }
        model.Eval();
        return model;
    }

    private static Tensor<float> Ids(NumpyRandom random, int rows, int steps)
    {
        var u = Tensor<float>.RandomUniform(random, rows, steps);
        var s = u.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = MathF.Floor(s[i] * Vocabulary);
        return u;
    }
}
