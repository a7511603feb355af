using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Runs;
using Backprop.Cli.Output;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop evaluate</c>: a saved model's loss and metrics on data it has not seen, with its own preprocessing.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model written by backprop train.", Required = true };
        var data = new Option<string>("--data") { Description = "Data of the kind the model was trained on, with targets, or a catalogued name (its test file).", Required = true };
        var target = new Option<string?>("--target") { Description = "The target column (CSV; defaults to the model's)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("evaluate", "Loss and metrics of a saved model on labelled data.") { model, data, target, json };
        command.SetAction(parse =>
        {
            var loaded = SavedModel.Load(parse.GetValue(model)!);
            if (TextPrediction.Applies(loaded))
                throw CliException.Usage($"--model '{parse.GetValue(model)}' is a text model; evaluate scores table and image models. Use backprop predict (the next token of each line) or backprop generate.");
            var (examples, _, _) = InputKinds.ForModel(new ModelRequest(loaded, parse.GetValue(model)!, parse.GetValue(data)!, NeedTargets: true, parse.GetValue(target), parse.InvocationConfiguration.Error));
            var task = ModelTask.ForOutput(loaded.Model.OutputActivation);
            var metrics = RunReport.MetricsOf(loaded.Model, examples, task, TargetScale.FromMetadata(loaded.Metadata, parse.GetValue(model)!));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(metrics, ReportJson.Options));
            else foreach (var (name, value) in metrics) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-10} {value:G6}"));
            return 0;
        });
        return command;
    }
}
