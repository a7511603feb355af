using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Tests.Onnx;

/// <summary>A model torch.onnx.export wrote (tests/fixtures/onnx, made by make_fixtures.py) with the input rows and the
/// outputs PyTorch computed for them.</summary>
public sealed record OnnxFixture(string Path, Tensor<float> Input, Tensor<float> Output)
{
    public static string Folder() => System.IO.Path.Combine(TestData.FixturesFolder, "onnx");

    public static OnnxFixture Load(string name)
    {
        var folder = Folder();
        using var json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, name + ".json")));
        var root = json.RootElement;
        Tensor<float> Read(string values, string shape) => Tensor<float>.FromArray(
            root.GetProperty(values).EnumerateArray().Select(v => v.GetSingle()).ToArray(),
            root.GetProperty(shape).EnumerateArray().Select(v => v.GetInt32()).ToArray());
        return new OnnxFixture(System.IO.Path.Combine(folder, name + ".onnx"), Read("input", "input_shape"), Read("output", "output_shape"));
    }
}
