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
            var shapes = OutputShapes(path);
            foreach (var layer in d.Layers)
            {
                var own = d.Tensors.Where(t => TensorBelongsTo(t.Name, layer.Place)).ToList();
                var tensors = own.Select(t => $"{t.Name} ({string.Join(", ", t.Shape)})");
                var shape = shapes is not null && int.TryParse(layer.Place, out int l) && l <= shapes.Count ? $" → {shapes[l - 1]}" : "";
                // Keras' "Param #": trainable values and saved statistics (batch norm's running mean and variance).
                long count = own.Sum(t => t.ElementCount), trainable = own.Where(t => !ModelFile.IsBuffer(t.Name)).Sum(t => t.ElementCount);
                var counts = count == trainable ? $"{count:N0} parameters" : $"{count:N0} parameters ({trainable:N0} trainable)";
                o.WriteLine($"  layer {layer.Place}: {layer.Type} ({layer.Settings}){shape}, {counts}{(own.Count > 0 ? "; " : "")}{string.Join(", ", tensors)}");
            }
            foreach (var key in new[] { "task", "classes", "source", "training", "metrics", "target_scale", "preprocessing" })
                if (d.Metadata.TryGetValue(key, out var value)) o.WriteLine($"{key}: {Shorten(value)}");
            return 0;
        });
        return command;
    }

    /// <summary>Each top-level layer's output shape, "(None, 64, 64, 8)", from one zero example run through the loaded model;
    /// null when the model cannot be built here (custom modules) or its input shape is unknown.</summary>
    private static List<string>? OutputShapes(string path)
    {
        try
        {
            var loaded = ModelFile.Load<float>(path);
            if (LayerShapes.InputShape(loaded) is not { } input) return null;
            return LayerShapes.Trace(loaded.Model, input)?.Select(t => LayerShapes.Format(t.OutputShape)).ToList();
        }
        catch (Exception e) when (e is Backprop.Serialization.ModelFileException or InvalidOperationException or ArgumentException or IOException)
        {
            return null;
        }
    }

    /// <summary>Layer l's own tensors are named the course's way (W2, b2, running_mean2); a nested one's "l.path".</summary>
    private static bool TensorBelongsTo(string name, string place) =>
        !place.Contains('.') && (name.StartsWith(place + ".", StringComparison.Ordinal)
            || (name.EndsWith(place, StringComparison.Ordinal) && name.Length > place.Length && !char.IsDigit(name[^(place.Length + 1)])));

    private static string Shorten(string value) => value.Length <= 400 ? value : value[..400] + "…";
}
