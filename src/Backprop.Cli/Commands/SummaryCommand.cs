using System.CommandLine;
using System.Text.Json;
using Backprop.Models;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop summary</c>: a model file's layers with the course's shapes W[l] (n[l], n[l−1]) and b[l] (n[l]),
/// parameter count, preprocessing, training settings and metrics — read without building the model.</summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model written by backprop train.", Required = true };
        var command = new Command("summary", "Describe a saved model.") { model };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw CliException.BadInput($"--model '{path}': no such file.");
            var d = ModelFile.ReadMetadata(path);
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"{Path.GetFileName(path)}: Backprop model, format version {d.Version}, {d.DType}");
            o.WriteLine(d.LayerDims is { } dims
                ? $"layers [{string.Join(", ", dims)}], {d.ParameterCount:N0} parameters"
                : $"{d.Layers.Count} layers, {d.ParameterCount:N0} parameters");
            foreach (var layer in d.Layers)
            {
                var tensors = d.Tensors.Where(t => TensorBelongsTo(t.Name, layer.Place))
                    .Select(t => $"{t.Name} ({string.Join(", ", t.Shape)})");
                o.WriteLine($"  layer {layer.Place}: {layer.Type} ({layer.Settings}); {string.Join(", ", tensors)}");
            }
            foreach (var key in new[] { "task", "classes", "source", "training", "metrics", "target_scale", "preprocessing" })
                if (d.Metadata.TryGetValue(key, out var value)) o.WriteLine($"{key}: {Shorten(value)}");
            if (d.Metadata.GetValueOrDefault("input") == "csv" && d.Metadata.TryGetValue("preprocessing", out var table))
                o.WriteLine("ONNX input (backprop export) " + Backprop.Onnx.OnnxInputContract.Describe(Backprop.Data.TablePreprocessor.FromJson(table, path)));
            return 0;
        });
        return command;
    }

    /// <summary>Layer l's own tensors are named the course's way (W2, b2, running_mean2); a nested one's "l.path".</summary>
    private static bool TensorBelongsTo(string name, string place) =>
        !place.Contains('.') && (name.StartsWith(place + ".", StringComparison.Ordinal)
            || (name.EndsWith(place, StringComparison.Ordinal) && name.Length > place.Length && !char.IsDigit(name[^(place.Length + 1)])));

    private static string Shorten(string value) => value.Length <= 400 ? value : value[..400] + "…";
}
