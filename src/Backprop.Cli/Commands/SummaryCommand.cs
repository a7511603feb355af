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
            o.WriteLine($"layers [{string.Join(", ", d.LayerDims)}], {d.ParameterCount:N0} parameters");
            for (int l = 0; l < d.Layers.Count; l++)
            {
                var layer = d.Layers[l];
                o.WriteLine($"  layer {l + 1}: {layer.Type} {layer.Inputs} → {layer.Units}, {layer.Activation}; W{l + 1} ({layer.Units}, {layer.Inputs}), b{l + 1} ({layer.Units})");
            }
            foreach (var key in new[] { "task", "classes", "source", "training", "metrics", "target_scale", "preprocessing" })
                if (d.Metadata.TryGetValue(key, out var value)) o.WriteLine($"{key}: {Shorten(value)}");
            return 0;
        });
        return command;
    }

    private static string Shorten(string value) => value.Length <= 400 ? value : value[..400] + "…";
}
