using Backprop.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Onnx;

/// <summary>Runs an ONNX model in the reference runtime (Microsoft.ML.OnnxRuntime, tests only): y = session(x) for one
/// float32 input, returning the first output with its shape.</summary>
public static class OnnxRuntimeRunner
{
    public static Tensor<float> Run(byte[] model, Tensor<float> x)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        Assert.Single(session.InputNames);
        using var input = OrtValue.CreateTensorValueFromMemory(x.AsReadOnlySpan().ToArray(), x.Shape.ToArray().Select(d => (long)d).ToArray());
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, session.InputNames, [input], session.OutputNames);
        var y = outputs[0];
        var shape = y.GetTensorTypeAndShape().Shape.Select(d => (int)d).ToArray();
        return Tensor<float>.FromArray(y.GetTensorDataAsSpan<float>().ToArray(), shape);
    }

    /// <summary>The input and output names the runtime sees.</summary>
    public static (string[] Inputs, string[] Outputs, Dictionary<string, string> Metadata, string Producer) Describe(byte[] model)
    {
        using var session = new InferenceSession(model);
        var m = session.ModelMetadata;
        return ([.. session.InputNames], [.. session.OutputNames], m.CustomMetadataMap, m.ProducerName);
    }

    /// <summary>max |a − b| / (1 + |b|) over all entries: 1e-5 means 1e-5 absolute near 0 and relative for large values.</summary>
    public static double MaxDifference(Tensor<float> a, Tensor<float> b)
    {
        Assert.Equal(b.Shape.ToArray(), a.Shape.ToArray());
        double worst = 0;
        var x = a.AsReadOnlySpan();
        var y = b.AsReadOnlySpan();
        for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Math.Abs(x[i] - y[i]) / (1 + Math.Abs(y[i])));
        return worst;
    }
}
