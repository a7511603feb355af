using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Serialization;

/// <summary>A model with augmentation layers round-trips: the same layers with the same settings and seeds come back,
/// predictions (where they are the identity) agree bit for bit, the description lists them, and damaged settings fail
/// with a message naming the layer.</summary>
public sealed class AugmentationModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Sequential<float> Model()
    {
        var model = new Sequential<float>(new Reshape<float>(4, 4, 3), new RandomFlip<float>(5), new RandomTranslation<float>(0.25, 6),
            new ColorJitter<float>(0.1, 0.3, 7), new Flatten<float>(), new Dense<float>(48, 2, Activation.Softmax));
        var random = new NumpyRandom(2);
        foreach (var p in model.Parameters) p.Value.CopyFrom(Tensor<float>.RandomNormal(random, p.Value.Shape.ToArray()));
        return model;
    }

    [Fact]
    public void Flip_translation_and_jitter_round_trip_with_their_settings_and_seeds()
    {
        var path = _folder.File("m.bp");
        var model = Model();
        ModelFile.Save(path, model);

        var loaded = (Sequential<float>)ModelFile.Load<float>(path).Model;
        Assert.Equal(model.Layers.Select(l => l.ToString()), loaded.Layers.Select(l => l.ToString()));
        Assert.Equal(5u, ((RandomFlip<float>)loaded.Layers[1]).Seed);
        var shift = (RandomTranslation<float>)loaded.Layers[2];
        Assert.Equal((0.25, 6u), (shift.Fraction, shift.Seed));
        var jitter = (ColorJitter<float>)loaded.Layers[3];
        Assert.Equal((0.1, 0.3, 7u), (jitter.Brightness, jitter.Contrast, jitter.Seed));

        var x = Tensor<float>.RandomUniform(new NumpyRandom(3), 5, 48);
        Assert.Equal(model.PredictValues(x).ToArray(), loaded.PredictValues(x).ToArray());
        // Trained again from batch 0, the loaded layers draw what the original's did.
        var images = Tensor<float>.RandomUniform(new NumpyRandom(4), 5, 4, 4, 3);
        for (int l = 1; l <= 3; l++)
        {
            ((Augmentation<float>)model.Layers[l]).Batches = 0;
            Assert.Equal(model.Layers[l].Forward(images).ToArray(), loaded.Layers[l].Forward(images).ToArray());
        }
    }

    [Fact]
    public void The_description_lists_the_augmentation_layers()
    {
        var path = _folder.File("m.bp");
        ModelFile.Save(path, Model());
        var layers = ModelFile.ReadMetadata(path).Layers;
        Assert.Equal(["reshape", "randomflip", "randomtranslation", "colorjitter", "flatten", "dense"], layers.Select(l => l.Type));
        Assert.Contains("fraction 0.25", layers[2].Settings);
        Assert.Contains("contrast 0.3", layers[3].Settings);
    }

    [Theory]
    [InlineData("\"fraction\":0.25", "\"fraction\":1.5", "fraction")]
    [InlineData("\"contrast\":0.3", "\"contrast\":-1", "contrast")]
    [InlineData("\"type\":\"randomflip\",", "\"type\":\"randomflip\",\"axis\":1,", "axis")]
    public void A_damaged_setting_fails_naming_it(string find, string replace, string mentioned)
    {
        var path = _folder.File("m.bp");
        var model = Model();
        ModelFile.Save(path, model);
        var metadata = new Dictionary<string, string>(ModelFile.ReadMetadata(path).Metadata);
        Assert.Contains(find, metadata["architecture"]);
        metadata["architecture"] = metadata["architecture"].Replace(find, replace);
        SafeTensorsWriter.Save(path, model.NamedParameters().Select(p => NamedTensor.FromTensor(p.Name, p.Parameter.Value)).ToList(), metadata);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load<float>(path));
        Assert.Contains(mentioned, e.Message);
    }
}
