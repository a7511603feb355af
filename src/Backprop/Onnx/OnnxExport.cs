using System.Numerics;
using System.Reflection;
using System.Text.Json;
using Backprop.Layers;
using Backprop.Onnx.Proto;
using Backprop.Ops.Activations;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>Any module tree as an ONNX model, y = f(x) ↦ one graph of standard ops (opset 17, IR version 8) that ONNX
/// Runtime, PyTorch and every other ONNX consumer run: float32 input (int64 token ids "tokens" for a model that starts
/// with an <see cref="Embedding{T}"/>) and float32 output with a dynamic batch axis "batch" (and a dynamic time axis "time"
/// with <see cref="OnnxExportOptions.VariableLength"/>),
/// parameters as initialisers, the module in evaluation mode (dropout = identity, batch norm with running statistics),
/// optional preprocessing nodes (<see cref="OnnxExportOptions"/>), producer "Backprop" and its version, class names in the
/// metadata. See docs/onnx.md for the op table.</summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set written (ONNX 1.12, ONNX Runtime ≥ 1.12 run it).</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version written.</summary>
    public const long IrVersion = 8;

    /// <summary>"Backprop", the producer name in every exported file.</summary>
    public const string ProducerName = "Backprop";

    /// <summary>Writes <paramref name="model"/> as an ONNX file, atomically (a temporary file, then a rename).</summary>
    public static void Save<T>(Module<T> model, string path, OnnxExportOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bytes = ToBytes(model, options);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The ONNX model's bytes (a serialised ModelProto).</summary>
    public static byte[] ToBytes<T>(Module<T> model, OnnxExportOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Build(model, options ?? new OnnxExportOptions()).ToByteArray();

    internal static ModelProto Build<T>(Module<T> model, OnnxExportOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var shape = options.InputShape ?? OnnxModuleWriter.InputShape(model)
            ?? throw new ArgumentException($"Cannot tell the input shape of '{model}'; give OnnxExportOptions.InputShape (one example's shape, without the batch axis).");
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"The input shape ({string.Join(", ", shape)}) needs at least one axis, each of positive size.");
        bool tokens = OnnxModuleWriter.TakesTokenIds(model);
        if (tokens && (options.Table is not null || options.InputDivisor is not null))
            throw new ArgumentException($"'{model}' starts with an embedding, which takes token ids: table or pixel preprocessing does not apply to it.");
        if (options.VariableLength && shape.Length < 2 && !tokens)
            throw new ArgumentException($"A variable length needs sequences: the input shape ({string.Join(", ", shape)}) has no time axis before the features.");
        var inputName = options.InputName ?? (tokens ? "tokens" : options.Table is not null ? "features" : options.InputDivisor is not null ? "pixels" : "input");
        var outputName = options.OutputName ?? model.OutputActivation switch
        {
            SigmoidActivation => "probability",
            SoftmaxActivation => "probabilities",
            _ => options.TargetScale is not null ? "value" : "output",
        };
        if (inputName == outputName) throw new ArgumentException($"The input and the output are both named '{inputName}'.");

        var graph = new GraphProto { Name = model.GetType().Name.Split('`')[0] };
        var g = new OnnxGraphBuilder(graph);
        g.Reserve(inputName);
        g.Reserve(outputName);
        bool wasTraining = model.IsTraining;
        model.Eval();
        string y;
        int[] outShape = shape;
        try
        {
            var x = OnnxPreprocessing.Input(options, g, inputName, shape);
            if (tokens) g.TokenIds = x;
            if (options.VariableLength) g.VariableTime = x;
            y = OnnxModuleWriter.Write(model, g, x, ref outShape, "");
            y = OnnxPreprocessing.Output(options, g, y);
        }
        finally { model.Train(wasTraining); }
        if (graph.Node.Count > 0 && graph.Node[^1].Output[0] == y) graph.Node[^1].Output[0] = outputName;
        else g.Node("Identity", "output_identity", [y], output: outputName);

        var contract = options.Table is { } table ? OnnxInputContract.Describe(table, inputName) : null;
        var float32 = TensorProto.Types.DataType.Float;
        graph.Input.Add(OnnxGraphBuilder.Value(inputName, tokens ? TensorProto.Types.DataType.Int64 : float32,
            Axes(shape, options.VariableLength), contract ?? InputDoc(options, tokens)));
        graph.Output.Add(OnnxGraphBuilder.Value(outputName, float32, Axes(outShape, g.VariableTime is not null), OutputDoc(outputName, options)));

        var result = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = Version,
            Domain = "ai.backprop",
            ModelVersion = 1,
            DocString = string.Join("\n", new[] { options.Description, $"{model}", contract }.Where(s => !string.IsNullOrEmpty(s))),
            Graph = graph,
        };
        result.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        var metadata = new Dictionary<string, string>(options.Metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (options.ClassNames is { } classes) metadata["classes"] = JsonSerializer.Serialize(classes);
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            result.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return result;
    }

    /// <summary>The library's version ("0.1.0"), from its assembly.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(OnnxExport).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }
    }

    /// <summary>"batch", then the example's sizes, the first one named "time" when it is dynamic.</summary>
    private static IEnumerable<object> Axes(int[] shape, bool time) =>
        ["batch", .. shape.Select((d, i) => i == 0 && time ? "time" : (object)d)];

    private static string InputDoc(OnnxExportOptions options, bool tokens) =>
        tokens ? "token ids (int64), one sequence per row" : options.InputDivisor is { } d ? $"raw pixel values (0 to {d}), one flattened image per row in (row, column, channel) order; divided by {d} in the graph" : "one example per row";

    private static string OutputDoc(string name, OnnxExportOptions options) => name switch
    {
        "probability" => "P(class 1 | x) per example" + (options.ClassNames is { Count: 2 } c ? $" (class 1 = '{c[1]}')" : ""),
        "probabilities" => "one probability per class, in the order of the 'classes' metadata",
        _ => options.TargetScale is not null ? "the predicted value, in the target's own units" : "the network's output",
    };
}
