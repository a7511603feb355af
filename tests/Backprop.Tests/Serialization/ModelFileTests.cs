using Backprop.Ops;
using Backprop.Models.Formats;
using System.Numerics;
using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Models;
using Backprop.Randomness;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static Sequential<T> RandomModel<T>(uint seed = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = new Sequential<T>(
            new Dense<T>(5, 4, Activation.Relu),
            new Dense<T>(4, 3, Activation.LeakyRelu(0.2)),
            new Dense<T>(3, 3, Activation.Tanh),
            new Dense<T>(3, 1, Activation.Sigmoid));
        var random = new NumpyRandom(seed);
        foreach (var p in model.Parameters) p.Value.CopyFrom(Tensor<T>.RandomNormal(random, p.Value.Shape.ToArray()));
        return model;
    }

    private static void AssertSameModel<T>(Sequential<T> expected, Sequential<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.LayerDims, actual.LayerDims);
        Assert.Equal(expected.Layers.Select(l => ((Dense<T>)l).Activation.Name), actual.Layers.Select(l => ((Dense<T>)l).Activation.Name));
        Assert.Equal(expected.Parameters.Select(p => p.Name), actual.Parameters.Select(p => p.Name));
        for (int i = 0; i < expected.Parameters.Count; i++)
            Assert.True(expected.Parameters[i].Value.AsReadOnlySpan().SequenceEqual(actual.Parameters[i].Value.AsReadOnlySpan()),
                $"{expected.Parameters[i].Name} differs");
    }

    [Fact]
    public void A_float_model_round_trips_with_identical_values_activations_and_metadata()
    {
        var path = _folder.File("model.bp");
        var model = RandomModel<float>();
        var extra = new Dictionary<string, string> { ["preprocessing"] = """{"scale":"divide","by":255}""", ["metrics"] = """{"accuracy":0.8}""" };
        ModelFile.Save(path, model, extra);

        var loaded = ModelFile.Load<float>(path);

        AssertSameModel(model, (Sequential<float>)loaded.Model);
        Assert.Equal(0.2, ((LeakyReluActivation)((Dense<float>)((Sequential<float>)loaded.Model).Layers[1]).Activation).Slope);
        Assert.Equal("""{"scale":"divide","by":255}""", loaded.Metadata["preprocessing"]);
        Assert.Equal("""{"accuracy":0.8}""", loaded.Metadata["metrics"]);
        Assert.Equal("backprop-model", loaded.Metadata["format"]);
        Assert.Equal("2", loaded.Metadata["version"]);
        Assert.Equal("float32", loaded.Metadata["dtype"]);
        var x = Tensor<float>.RandomUniform(new NumpyRandom(3), 6, 5);
        Assert.Equal(model.PredictValues(x).ToArray(), loaded.Model.PredictValues(x).ToArray());
    }

    [Fact]
    public void A_double_model_round_trips_bit_for_bit()
    {
        var path = _folder.File("model.bp");
        var model = RandomModel<double>(seed: 7);
        ModelFile.Save(path, model);

        var loaded = ModelFile.Load<double>(path);

        AssertSameModel(model, (Sequential<double>)loaded.Model);
        Assert.Equal("float64", loaded.Metadata["dtype"]);
    }

    [Fact]
    public void The_architecture_is_stored_as_json_naming_each_layer()
    {
        var path = _folder.File("model.bp");
        ModelFile.Save(path, new Sequential<float>(new Dense<float>(12288, 20, Activation.Relu), new Dense<float>(20, 1, Activation.Sigmoid)));

        Assert.Equal("""{"module":{"type":"sequential","layers":[{"type":"dense","inputs":12288,"units":20,"activation":"relu"},{"type":"dense","inputs":20,"units":1,"activation":"sigmoid"}]}}""",
            SafeTensorsReader.ReadHeader(path).Metadata["architecture"]);
    }

    [Fact]
    public void A_model_saved_as_double_loads_as_float()
    {
        var path = _folder.File("model.bp");
        var model = RandomModel<double>();
        ModelFile.Save(path, model);

        var loaded = ModelFile.Load<float>(path).Model;

        Assert.Equal(model.Parameters[0].Value.ToArray().Select(v => (float)v), loaded.Parameters[0].Value.ToArray());
    }

    [Fact]
    public void Read_metadata_describes_layers_and_tensors_without_building_the_model()
    {
        var path = _folder.File("model.bp");
        ModelFile.Save(path, RandomModel<float>(), new Dictionary<string, string> { ["note"] = "hi" });

        var description = ModelFile.ReadMetadata(path);

        Assert.Equal(["dense", "dense", "dense", "dense"], description.Layers.Select(l => l.Type));
        Assert.Equal("inputs 5, units 4, activation relu", description.Layers[0].Settings);
        Assert.Equal(["relu", "leaky-relu:0.2", "tanh", "sigmoid"], description.Layers.Select(l => l.Settings.Split("activation ")[1]));
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4"], description.Tensors.Select(t => t.Name));
        Assert.Equal(RandomModel<float>().ParameterCount, description.ParameterCount);
        Assert.Equal("float32", description.DType);
        Assert.Equal("2", description.Version);
        Assert.Equal("hi", description.Metadata["note"]);
    }

    [Fact]
    public void Saving_rejects_reserved_metadata_keys_and_leaves_an_existing_file_alone()
    {
        var path = _folder.File("model.bp");
        File.WriteAllText(path, "old");

        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, RandomModel<float>(), new Dictionary<string, string> { ["version"] = "9" }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["model.bp"], _folder.FileNames());
    }

    [Fact]
    public void A_custom_module_saves_and_loads_only_when_its_type_is_registered()
    {
        var path = _folder.File("model.bp");
        var model = new Sequential<float>(new Scale(3), new Dense<float>(3, 1));
        model.Parameters[0].Value.AsSpan().Fill(2.5f);
        ModelFile.Save(path, model);

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load<float>(path));
        Assert.Contains("custom module 'Scale'", error.Message);
        Assert.Contains("register", error.Message);

        var loaded = ModelFile.Load(path, new ModuleRegistry<float>().Add(() => new Scale(3)));
        Assert.Equal(["gamma1", "W2", "b2"], loaded.Model.Parameters.Select(p => p.Name));
        Assert.Equal(2.5f, loaded.Model.Parameters[0].Value[1]);
        Assert.Equal(model.Parameters[1].Value.ToArray(), loaded.Model.Parameters[1].Value.ToArray());
    }

    /// <summary>A layer type model files do not know: y = γ ∘ x.</summary>
    private sealed class Scale(int size) : Module<float>
    {
        private readonly Parameter<float> _gamma = new("gamma", Tensor<float>.Ones(size), ParameterRole.Scale);

        public override Tensor<float> Forward(Tensor<float> input) => Op.Multiply(input, _gamma.Value);
    }
}
