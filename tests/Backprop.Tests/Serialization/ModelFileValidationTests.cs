using Backprop.Models;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Serialization;

/// <summary>Files that are valid safetensors but not valid models: wrong format or version, an architecture this
/// version cannot build, tensors that do not fit it. Both <see cref="ModelFile.Load{T}"/> and
/// <see cref="ModelFile.ReadMetadata"/> reject each with a <see cref="ModelFileException"/> naming the problem.</summary>
public sealed class ModelFileValidationTests : IDisposable
{
    private const string Architecture = """{"layers":[{"type":"dense","inputs":3,"units":2,"activation":"relu"},{"type":"dense","inputs":2,"units":1,"activation":"sigmoid"}]}""";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string> Metadata() => new()
    {
        ["format"] = "backprop-model", ["version"] = "1", ["architecture"] = Architecture, ["dtype"] = "float32",
    };

    private static List<NamedTensor> Tensors() =>
    [
        NamedTensor.FromTensor("W1", Tensor<float>.Ones(2, 3)), NamedTensor.FromTensor("b1", Tensor<float>.Ones(2)),
        NamedTensor.FromTensor("W2", Tensor<float>.Ones(1, 2)), NamedTensor.FromTensor("b2", Tensor<float>.Ones(1)),
    ];

    private string Write(Dictionary<string, string> metadata, List<NamedTensor> tensors)
    {
        var path = _folder.File("model.bp");
        SafeTensorsWriter.Save(path, tensors, metadata);
        return path;
    }

    private void Rejects(Dictionary<string, string> metadata, List<NamedTensor> tensors, params string[] phrases)
    {
        var path = Write(metadata, tensors);
        foreach (var error in new[]
                 {
                     Assert.Throws<ModelFileException>(() => ModelFile.Load<float>(path)),
                     Assert.Throws<ModelFileException>(() => ModelFile.ReadMetadata(path)),
                 })
        {
            Assert.StartsWith(path + ": ", error.Message);
            foreach (var phrase in phrases) Assert.Contains(phrase, error.Reason);
        }
    }

    private void RejectsMetadata(string key, string? value, params string[] phrases)
    {
        var metadata = Metadata();
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;
        Rejects(metadata, Tensors(), phrases);
    }

    private static string Layers(params string[] layers) => "{\"layers\":[" + string.Join(",", layers) + "]}";

    [Fact]
    public void The_hand_written_baseline_loads()
    {
        var model = ModelFile.Load<float>(Write(Metadata(), Tensors()));
        Assert.Equal([3, 2, 1], model.LayerDims);
    }

    [Fact]
    public void A_newer_major_version_is_rejected_with_advice_to_upgrade() =>
        RejectsMetadata("version", "3", "version 3", "newer Backprop", "reads format version 2");

    [Fact]
    public void A_newer_minor_version_loads()
    {
        var metadata = Metadata();
        metadata["version"] = "1.3";
        Assert.Equal(2, ModelFile.ReadMetadata(Write(metadata, Tensors())).Layers.Count);
    }

    [Theory]
    [InlineData("abc", "not a version number")]
    [InlineData("", "not a version number")]
    [InlineData("-1", "not a version number")]
    [InlineData("0", "unknown model format version '0'")]
    [InlineData(null, "no model format 'version'")]
    public void A_missing_or_unreadable_version_is_rejected(string? version, string phrase) =>
        RejectsMetadata("version", version, phrase);

    [Fact]
    public void A_safetensors_file_without_the_backprop_format_marker_is_not_a_model() =>
        RejectsMetadata("format", null, "not a Backprop model", "no 'format'");

    [Fact]
    public void Another_format_name_is_not_a_model() =>
        RejectsMetadata("format", "pytorch", "not a Backprop model", "'pytorch'");

    [Fact]
    public void An_unknown_dtype_in_the_metadata_is_rejected() =>
        RejectsMetadata("dtype", "int8", "unknown dtype 'int8'");

    [Fact]
    public void Tensors_of_another_type_than_the_metadata_declares_are_rejected() =>
        RejectsMetadata("dtype", "float64", "tensor 'W1' is F32", "float64");

    [Theory]
    [InlineData(null, "no 'architecture'")]
    [InlineData("dense 3-2-1", "architecture in the metadata is not valid JSON")]
    [InlineData("""{"layers":{}}""", "list of \"layers\"")]
    [InlineData("""{"layers":[]}""", "no layers")]
    [InlineData("""{"layers":[7]}""", "entry 1 of \"layers\" is not an object")]
    public void A_missing_or_malformed_architecture_is_rejected(string? architecture, string phrase) =>
        RejectsMetadata("architecture", architecture, phrase);

    [Theory]
    [InlineData("""{"type":"conv3d","inputs":3,"units":2,"activation":"relu"}""", "type 'conv3d'", "cannot build")]
    [InlineData("""{"type":"System.IO.File","inputs":3,"units":2,"activation":"relu"}""", "type 'System.IO.File'", "cannot build")]
    [InlineData("""{"inputs":3,"units":2,"activation":"relu"}""", "layer 1: has no \"type\"")]
    [InlineData("""{"type":"dense","inputs":3,"units":2,"activation":"swish"}""", "layer 1", "Unknown activation 'swish'")]
    [InlineData("""{"type":"dense","inputs":3,"units":2,"activation":"leaky-relu:steep"}""", "slope 'steep'")]
    [InlineData("""{"type":"dense","inputs":3,"units":2}""", "has no \"activation\"")]
    [InlineData("""{"type":"dense","inputs":0,"units":2,"activation":"relu"}""", "\"inputs\" must be a whole number ≥ 1, not 0")]
    [InlineData("""{"type":"dense","inputs":3,"units":"2","activation":"relu"}""", "\"units\" must be a whole number")]
    [InlineData("""{"type":"dense","units":2,"activation":"relu"}""", "no \"inputs\"")]
    [InlineData("""{"type":"dense","inputs":3,"units":2,"activation":"relu","dropout":0.5}""", "setting 'dropout'")]
    public void An_architecture_layer_this_version_cannot_build_is_rejected(string firstLayer, params string[] phrases) =>
        RejectsMetadata("architecture", Layers(firstLayer, """{"type":"dense","inputs":2,"units":1,"activation":"sigmoid"}"""), phrases);

    [Fact]
    public void Layers_whose_sizes_do_not_chain_are_rejected() =>
        RejectsMetadata("architecture",
            Layers("""{"type":"dense","inputs":3,"units":2,"activation":"relu"}""", """{"type":"dense","inputs":4,"units":1,"activation":"sigmoid"}"""),
            "Layer 2 expects 4 inputs but layer 1 gives 2");

    [Fact]
    public void A_weight_whose_shape_disagrees_with_the_architecture_is_rejected()
    {
        var tensors = Tensors();
        tensors[0] = NamedTensor.FromTensor("W1", Tensor<float>.Ones(3, 2));
        Rejects(Metadata(), tensors, "tensor 'W1' has shape (3, 2)", "layer 1 (Dense(3 → 2, relu)) needs (2, 3)");
    }

    [Fact]
    public void A_bias_whose_shape_disagrees_with_the_architecture_is_rejected()
    {
        var tensors = Tensors();
        tensors[3] = NamedTensor.FromTensor("b2", Tensor<float>.Ones(1, 1));
        Rejects(Metadata(), tensors, "tensor 'b2' has shape (1, 1)", "needs (1,)");
    }

    [Fact]
    public void A_missing_tensor_is_rejected()
    {
        var tensors = Tensors();
        tensors.RemoveAt(2);
        Rejects(Metadata(), tensors, "tensor 'W2' is missing", "layer 2");
    }

    [Fact]
    public void A_tensor_that_belongs_to_no_layer_is_rejected()
    {
        var tensors = Tensors();
        tensors.Add(NamedTensor.FromTensor("W3", Tensor<float>.Ones(1, 1)));
        Rejects(Metadata(), tensors, "tensor 'W3' belongs to no layer");
    }

    [Fact]
    public void A_corrupt_container_is_reported_the_same_way_by_model_file()
    {
        var path = Write(Metadata(), Tensors());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load<float>(path));
        Assert.Equal($"{path}: truncated: header says 44 bytes of tensor data, file has 41", error.Message);
    }
}
