using System.Numerics;
using Backprop.Layers;
using Backprop.Layers.Activations;
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

        AssertSameModel(model, loaded.Model);
        Assert.Equal(0.2, ((LeakyReluActivation)((Dense<float>)loaded.Model.Layers[1]).Activation).Slope);
        Assert.Equal("""{"scale":"divide","by":255}""", loaded.Metadata["preprocessing"]);
        Assert.Equal("""{"accuracy":0.8}""", loaded.Metadata["metrics"]);
        Assert.Equal("backprop-model", loaded.Metadata["format"]);
        Assert.Equal("1", loaded.Metadata["version"]);
        Assert.Equal("float32", loaded.Metadata["dtype"]);
        var x = Tensor<float>.RandomUniform(new NumpyRandom(3), 6, 5);
        Assert.Equal(model.Predict(x).ToArray(), loaded.Model.Predict(x).ToArray());
    }

    [Fact]
    public void A_double_model_round_trips_bit_for_bit()
    {
        var path = _folder.File("model.bp");
        var model = RandomModel<double>(seed: 7);
        ModelFile.Save(path, model);

        var loaded = ModelFile.Load<double>(path);

        AssertSameModel(model, loaded.Model);
        Assert.Equal("float64", loaded.Metadata["dtype"]);
    }

    [Fact]
    public void The_architecture_is_stored_as_json_naming_each_layer()
    {
        var path = _folder.File("model.bp");
        ModelFile.Save(path, new Sequential<float>(new Dense<float>(12288, 20, Activation.Relu), new Dense<float>(20, 1, Activation.Sigmoid)));

        Assert.Equal("""{"layers":[{"type":"dense","inputs":12288,"units":20,"activation":"relu"},{"type":"dense","inputs":20,"units":1,"activation":"sigmoid"}]}""",
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

        Assert.Equal([5, 4, 3, 3, 1], description.LayerDims);
        Assert.Equal(["relu", "leaky-relu:0.2", "tanh", "sigmoid"], description.Layers.Select(l => l.Activation));
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4"], description.Tensors.Select(t => t.Name));
        Assert.Equal(RandomModel<float>().ParameterCount, description.ParameterCount);
        Assert.Equal("float32", description.DType);
        Assert.Equal("1", description.Version);
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
    public void Saving_a_model_with_a_layer_the_file_cannot_hold_fails_before_touching_the_disk()
    {
        var path = _folder.File("model.bp");
        File.WriteAllText(path, "old");
        var model = new Sequential<float>(new Scale(3), new Dense<float>(3, 1));

        var error = Assert.Throws<NotSupportedException>(() => ModelFile.Save(path, model));

        Assert.Contains("layer 1 is Scale", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["model.bp"], _folder.FileNames());
    }

    /// <summary>A layer type model files do not know.</summary>
    private sealed class Scale(int size) : ILayer<float>
    {
        public int InputSize => size;
        public int OutputSize => size;
        public IReadOnlyList<Parameter<float>> Parameters { get; } = [];
        public Tensor<float> Forward(Tensor<float> input) => input;
        public Tensor<float>? Backward(Tensor<float> outputGradient, bool needInputGradient = true) => outputGradient;
    }
}
