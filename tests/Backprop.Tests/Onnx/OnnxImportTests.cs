using Backprop.Models;
using Backprop.Onnx;
using Backprop.Onnx.Proto;
using Backprop.Serialization;
using Google.Protobuf;

namespace Backprop.Tests.Onnx;

/// <summary>Networks exported by PyTorch import and predict what PyTorch predicted; files we cannot import are refused
/// with one line that says why.</summary>
public class OnnxImportTests
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("mlp_leaky")]
    [InlineData("cnn")]
    [InlineData("lstm")]
    public void A_PyTorch_network_imports_and_predicts_what_PyTorch_predicted_to_1e_5(string name)
    {
        var fixture = OnnxFixture.Load(name);
        var loaded = OnnxImport.Load<float>(fixture.Path);
        var ours = loaded.Model.PredictValues(fixture.Input);
        Assert.True(OnnxRuntimeRunner.MaxDifference(ours, fixture.Output) <= 1e-5, $"difference {OnnxRuntimeRunner.MaxDifference(ours, fixture.Output):G3}");
        Assert.StartsWith("pytorch", loaded.Metadata["onnx_producer"]);
    }

    [Fact]
    public void The_PyTorch_MLP_becomes_dense_layers_with_their_activations()
    {
        var model = (Sequential<float>)OnnxImport.Load<float>(OnnxFixture.Load("mlp").Path).Model;
        Assert.Equal([4, 16, 8, 3], model.LayerDims);
        Assert.Equal("softmax", model.OutputActivation!.Name);
    }

    [Fact]
    public void A_network_with_ops_we_do_not_import_is_refused_with_every_such_op_and_its_node()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxFixture.Load("mlp").Path));
        model.Graph.Node.Single(n => n.Name == "/1/Relu").OpType = "Elu";
        model.Graph.Node.Single(n => n.Name == "/3/Tanh").OpType = "Selu";
        var e = Assert.Throws<ModelFileException>(() => OnnxImport.FromBytes<float>(model.ToByteArray(), "odd.onnx"));
        Assert.Contains("unsupported ONNX op(s)", e.Message);
        foreach (var part in new[] { "Elu ('/1/Relu')", "Selu ('/3/Tanh')", "Backprop imports Gemm" })
            Assert.Contains(part, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_PyTorch_CNN_becomes_reshape_conv_relu_maxpool_flatten_dense()
    {
        var model = (Sequential<float>)OnnxImport.Load<float>(OnnxFixture.Load("cnn").Path).Model;
        Assert.Equal(["Reshape", "Conv2D", "ActivationLayer", "MaxPool2D", "Flatten", "Dense"], model.Layers.Select(l => l.GetType().Name.Split('`')[0]));
    }

    [Fact]
    public void The_PyTorch_LSTM_becomes_an_LSTM_returning_its_last_step_and_a_dense_layer()
    {
        var model = (Sequential<float>)OnnxImport.Load<float>(OnnxFixture.Load("lstm").Path).Model;
        var lstm = Assert.IsType<Backprop.Layers.Lstm<float>>(model.Layers[0]);
        Assert.False(lstm.ReturnSequences);
        Assert.IsType<Backprop.Layers.Dense<float>>(model.Layers[1]);
    }

    [Fact]
    public void A_truncated_file_is_one_line_naming_the_file()
    {
        var bytes = File.ReadAllBytes(OnnxFixture.Load("mlp").Path);
        foreach (int length in new[] { 0, 10, bytes.Length / 2, bytes.Length - 7 })
        {
            var e = Assert.Throws<ModelFileException>(() => OnnxImport.FromBytes<float>(bytes[..length], "cut.onnx"));
            Assert.StartsWith("cut.onnx: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void A_corrupted_file_is_one_line_naming_the_file()
    {
        var bytes = File.ReadAllBytes(OnnxFixture.Load("mlp").Path);
        var random = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            var bad = (byte[])bytes.Clone();
            for (int k = 0; k < 8; k++) bad[random.Next(bad.Length)] = (byte)random.Next(256);
            try { OnnxImport.FromBytes<float>(bad, "bad.onnx"); }
            catch (ModelFileException e)
            {
                Assert.StartsWith("bad.onnx: ", e.Message);
                Assert.DoesNotContain('\n', e.Message);
            }
        }
        var text = Assert.Throws<ModelFileException>(() => OnnxImport.FromBytes<float>("this is not protobuf at all"u8.ToArray(), "text.onnx"));
        Assert.StartsWith("text.onnx: ", text.Message);
    }

    [Fact]
    public void A_graph_whose_tensor_shapes_disagree_is_refused_naming_the_node()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxFixture.Load("mlp").Path));
        var weight = model.Graph.Initializer.Single(t => t.Name == "2.weight");   // (8, 16) → (8, 12), data cut to match
        weight.Dims[1] = 12;
        weight.RawData = ByteString.CopyFrom(weight.RawData.ToByteArray()[..(8 * 12 * 4)]);
        var e = Assert.Throws<ModelFileException>(() => OnnxImport.FromBytes<float>(model.ToByteArray(), "shapes.onnx"));
        Assert.Equal("shapes.onnx: node '/2/Gemm' (Gemm): its weight '2.weight' takes 12 features but its input has 16: the graph's tensor shapes disagree", e.Message);
    }

    [Fact]
    public void An_initializer_with_less_data_than_its_shape_needs_is_refused()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxFixture.Load("mlp").Path));
        var bias = model.Graph.Initializer.Single(t => t.Name == "0.bias");
        bias.RawData = ByteString.CopyFrom(bias.RawData.ToByteArray()[..8]);
        var e = Assert.Throws<ModelFileException>(() => OnnxImport.FromBytes<float>(model.ToByteArray(), "short.onnx"));
        Assert.Contains("'0.bias' has 8 bytes of data but its shape needs 64", e.Message);
    }

    [Fact]
    public void A_residual_that_is_not_a_transformer_block_is_refused_as_a_branch_naming_its_nodes()
    {
        var model = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(new Sequential<float>(new Backprop.Layers.Dense<float>(4, 4))));
        var graph = model.Graph;
        var gemm = graph.Node.Single();
        gemm.Output[0] = "dense_out";
        var add = new NodeProto { OpType = "Add", Name = "skip" };
        add.Input.Add([graph.Input[0].Name, "dense_out"]);
        add.Output.Add(graph.Output[0].Name);
        graph.Node.Add(add);
        var e = Assert.Throws<ModelFileException>(() => OnnxImport.FromBytes<float>(model.ToByteArray(), "skip.onnx"));
        Assert.Contains($"the graph branches at tensor '{graph.Input[0].Name}'", e.Message);
        Assert.Contains("'skip'", e.Message);
    }
}
