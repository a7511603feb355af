using Backprop.Cli.Output;
using System.CommandLine;
using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Runs;
using Backprop.Data;
using Backprop.Models;
using Backprop.Onnx;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop export --model m.bp --onnx m.onnx</c>: the model as ONNX (opset 17) with the preprocessing
/// <c>backprop predict</c> applies — table standardisation, pixel scaling, the regression target's scale — as graph
/// nodes, and the model file's metadata (class names, preprocessing) in the ONNX metadata, so import restores it. A text
/// model (<c>--task text</c>) takes int64 token ids [batch, time] of any length (up to a GPT's context) and gives
/// P(next token) at every position, [batch, time, V], the ids being those of the tokenizer in the "tokenizer" and
/// "vocabulary" metadata.</summary>
public static class ExportCommand
{
    private static readonly string[] Reserved = [ModelFile.FormatKey, ModelFile.VersionKey, ModelFile.ArchitectureKey, ModelFile.DTypeKey];

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model written by backprop train.", Required = true };
        var onnx = new Option<string>("--onnx") { Description = "The ONNX file to write.", Required = true };
        var command = new Command("export", "Write a saved model as an ONNX file (opset 17) that ONNX Runtime and PyTorch can run.") { model, onnx };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!;
            var onnxPath = parse.GetValue(onnx)!;
            if (!onnxPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw CliException.Usage($"--onnx '{onnxPath}': give a file name ending in .onnx.");
            var loaded = SavedModel.Load(modelPath);
            var options = Options(loaded, modelPath);
            OnnxExport.Save(loaded.Model, onnxPath, options);
            var proto = OnnxSummary.Describe(File.ReadAllBytes(onnxPath));
            parse.InvocationConfiguration.Output.WriteLine($"wrote {onnxPath}: {proto}");
            return 0;
        });
        return command;
    }

    /// <summary>The export options a saved model's metadata calls for.</summary>
    internal static OnnxExportOptions Options(LoadedModel<float> loaded, string modelPath)
    {
        var m = loaded.Metadata;
        TablePreprocessor? table = null;
        if (m.GetValueOrDefault("input") == "csv" && m.TryGetValue("preprocessing", out var json))
        {
            try { table = TablePreprocessor.FromJson(json, modelPath); }
            catch (DataFormatException e) { throw CliException.BadInput($"{modelPath}: the stored preprocessing is unusable ({e.Message})."); }
        }
        string[]? classes = null;
        if (m.TryGetValue("classes", out var names))
        {
            try { classes = JsonSerializer.Deserialize<string[]>(names); }
            catch (JsonException) { throw CliException.BadInput($"{modelPath}: the 'classes' metadata is damaged (expected a list of class names)."); }
        }
        var scale = TargetScale.FromMetadata(m, modelPath);
        bool text = m.GetValueOrDefault("task") == TextRun.Task;
        int? context = text && loaded.Model is Sequential<float> sequential ? CharacterModel.ContextOf(sequential) : null;
        return new OnnxExportOptions
        {
            InputShape = text ? [context ?? Backprop.Defaults.TrainingDefaults.Text.Window] : null,
            VariableLength = text,
            Table = table,
            InputDivisor = m.GetValueOrDefault("input") == "image" ? 255 : null,
            TargetScale = scale is null ? null : (scale.Mean, scale.Std),
            ClassNames = classes,
            Metadata = m.Where(p => !Reserved.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value),
            Description = $"Exported by backprop export from {Path.GetFileName(modelPath)}.",
        };
    }
}
