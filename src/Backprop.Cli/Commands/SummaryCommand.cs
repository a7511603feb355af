using System.CommandLine;
using Backprop.Cli.Output;
using Backprop.Models;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop summary</c>: a model file's layers with the course's shapes W[l] (n[l], n[l−1]) and b[l] (n[l]),
/// parameter count, input columns, training settings and metrics as short tables — read without building the model;
/// <c>--json</c> gives the same as one JSON object.</summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model written by backprop train.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (layers and every metadata entry)." };
        var command = new Command("summary", "Describe a saved model: layers with the course's W[l] and b[l] shapes, input columns and the ones left out, the settings the run used, and its metrics.") { model, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw CliException.BadInput($"--model '{path}': no such file.");
            var d = ModelFile.ReadMetadata(path);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) output.WriteLine(SummaryView.Json(path, d));
            else SummaryView.Human(path, d, output);
            if (!parse.GetValue(json) && d.Metadata.GetValueOrDefault("input") == "csv" && d.Metadata.TryGetValue("preprocessing", out var table))
                output.WriteLine("ONNX input (backprop export) " + Backprop.Onnx.OnnxInputContract.Describe(Backprop.Data.TablePreprocessor.FromJson(table, path)));
            return 0;
        });
        return command;
    }
}
