using Backprop.Layers;
using Backprop.Models;
using Backprop.Onnx;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Tests.Onnx;

/// <summary>Every built-in module type, exported and run in ONNX Runtime: its outputs match our prediction to 1e-5 in
/// float32, and export → import → predict gives the same bits as the original.</summary>
public class OnnxExportRuntimeTests
{
    public static TheoryData<string> Models => new(OnnxTestModels.Names);

    public static TheoryData<string> AllModels => new(OnnxTestModels.All);

    [Theory]
    [MemberData(nameof(AllModels))]
    public void OnnxRuntime_outputs_match_our_predictions_to_1e_5(string name)
    {
        var (model, x) = OnnxTestModels.Build(name);
        var ours = model.PredictValues(x);
        var theirs = OnnxRuntimeRunner.Run(OnnxExport.ToBytes(model, new OnnxExportOptions { InputShape = x.Shape[1..].ToArray() }), x);
        Assert.True(OnnxRuntimeRunner.MaxDifference(theirs, ours) <= 1e-5, $"{name}: difference {OnnxRuntimeRunner.MaxDifference(theirs, ours):G3}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Export_then_import_predicts_the_same_bits(string name)
    {
        var (model, x) = OnnxTestModels.Build(name);
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { InputShape = x.Shape[1..].ToArray() });
        var again = OnnxImport.FromBytes<float>(bytes, name).Model;
        Assert.Equal(model.PredictValues(x).AsReadOnlySpan().ToArray(), again.PredictValues(x).AsReadOnlySpan().ToArray());
    }

    [Fact]
    public void An_export_names_its_input_and_output_keeps_the_batch_dynamic_and_carries_producer_and_classes()
    {
        var (model, x) = OnnxTestModels.Build("softmax-output");
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { ClassNames = ["cat", "dog", "bird"] });
        var (inputs, outputs, metadata, producer) = OnnxRuntimeRunner.Describe(bytes);
        Assert.Equal(["input"], inputs);
        Assert.Equal(["probabilities"], outputs);
        Assert.Equal("Backprop", producer);
        Assert.Equal("[\"cat\",\"dog\",\"bird\"]", metadata["classes"]);
        var proto = Backprop.Onnx.Proto.ModelProto.Parser.ParseFrom(bytes);
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(17, proto.OpsetImport.Single().Version);
        Assert.Equal(OnnxExport.Version, proto.ProducerVersion);
        Assert.Equal("batch", proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        foreach (int rows in new[] { 1, 7 })
        {
            var batch = Tensor<float>.RandomNormal(new NumpyRandom(3), rows, x.Dim(1));
            Assert.Equal([rows, 3], OnnxRuntimeRunner.Run(bytes, batch).Shape.ToArray());
        }
    }

    [Fact]
    public void LeakyRelu_is_exported_with_its_alpha_written_even_at_the_default()
    {
        var model = new Sequential<float>(new Dense<float>(2, 2, Activation.LeakyRelu()));
        var node = Backprop.Onnx.Proto.ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model)).Graph.Node.Single(n => n.OpType == "LeakyRelu");
        Assert.Equal(0.01f, node.Attribute.Single(a => a.Name == "alpha").F);
    }

    [Fact]
    public void A_custom_module_is_refused_with_its_name_and_the_modules_the_exporter_knows()
    {
        var model = new Sequential<float>(new Dense<float>(2, 2), new Doubler());
        var e = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("Doubler", e.Message);
        Assert.Contains("BatchNorm", e.Message);
    }

    [Fact]
    public void Export_leaves_the_model_in_the_mode_it_found_it()
    {
        var (model, _) = OnnxTestModels.Build("dropout");
        model.Train();
        OnnxExport.ToBytes(model);
        Assert.True(model.IsTraining);
    }

    private sealed class Doubler : Module<float>
    {
        public override Tensor<float> Forward(Tensor<float> input) => Backprop.Ops.Op.Add(input, input);
    }
}
