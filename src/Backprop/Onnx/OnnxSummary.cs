using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>One line about an ONNX model: "input 'features' [batch, 8] → output 'probability' [batch, 1]; opset 17, 9 nodes"
/// (an element type other than float32 is named: "input 'tokens' int64 [batch, time]").</summary>
public static class OnnxSummary
{
    public static string Describe(byte[] bytes)
    {
        var model = ModelProto.Parser.ParseFrom(bytes);
        var g = model.Graph;
        var initializers = g.Initializer.Select(t => t.Name).ToHashSet();
        string Type(ValueInfoProto v) => v.Type?.TensorType?.ElemType is { } t and not (int)TensorProto.Types.DataType.Float
            ? ((TensorProto.Types.DataType)t).ToString().ToLowerInvariant() + " " : "";
        string Value(ValueInfoProto v) => $"'{v.Name}' {Type(v)}[{string.Join(", ", v.Type?.TensorType?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : d.DimValue.ToString()) ?? [])}]";
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version;
        return $"input {string.Join(", ", g.Input.Where(i => !initializers.Contains(i.Name)).Select(Value))} → output {string.Join(", ", g.Output.Select(Value))}; opset {opset}, {g.Node.Count} nodes";
    }
}
