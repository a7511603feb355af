using Backprop.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Onnx;

/// <summary>Runs an ONNX model in the reference runtime (Microsoft.ML.OnnxRuntime, tests only): y = session(x) for one
/// float32 input (or int64 token ids, rounded from the float tensor, where the model takes those), returning the first
/// output with its shape.</summary>
public static class OnnxRuntimeRunner
{
    public static Tensor<float> Run(byte[] model, Tensor<float> x)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        Assert.Single(session.InputNames);
        var shape = x.Shape.ToArray().Select(d => (long)d).ToArray();
        using var input = session.InputMetadata[session.InputNames[0]].ElementType == typeof(long)
            ? OrtValue.CreateTensorValueFromMemory(x.AsReadOnlySpan().ToArray().Select(v => (long)MathF.Round(v)).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(x.AsReadOnlySpan().ToArray(), shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, session.InputNames, [input], session.OutputNames);
        var y = outputs[0];
        var outShape = y.GetTensorTypeAndShape().Shape.Select(d => (int)d).ToArray();
        return Tensor<float>.FromArray(y.GetTensorDataAsSpan<float>().ToArray(), outShape);
    }

    /// <summary>The input and output names the runtime sees.</summary>
    public static (string[] Inputs, string[] Outputs, Dictionary<string, string> Metadata, string Producer) Describe(byte[] model)
    {
        using var session = new InferenceSession(model);
        var m = session.ModelMetadata;
        return ([.. session.InputNames], [.. session.OutputNames], m.CustomMetadataMap, m.ProducerName);
    }

    /// <summary>max |a − b| / (1 + |b|) over all entries: 1e-5 means 1e-5 absolute near 0 and relative for large values.</summary>
    public static double MaxDifference(Tensor<float> a, Tensor<float> b) => Max(a, b, relative: true);

    /// <summary>max |a − b| over all entries, for reporting.</summary>
    public static double MaxAbsolute(Tensor<float> a, Tensor<float> b) => Max(a, b, relative: false);

    private static double Max(Tensor<float> a, Tensor<float> b, bool relative)
    {
        Assert.Equal(b.Shape.ToArray(), a.Shape.ToArray());
        double worst = 0;
        var x = a.AsReadOnlySpan();
        var y = b.AsReadOnlySpan();
        for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Math.Abs(x[i] - y[i]) / (relative ? 1 + Math.Abs(y[i]) : 1));
        return worst;
    }
}
