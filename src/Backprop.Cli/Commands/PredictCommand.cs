using Backprop.Defaults;
using Backprop.Cli.Output;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Runs;
using Backprop.Data;
using Backprop.Ops.Activations;
using Backprop.Models;
using Backprop.Training;
using Backprop.Tensors;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop predict</c>: one prediction per row or image — label and probability, or value — as CSV on stdout or in --out.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model written by backprop train.", Required = true };
        var data = new Option<string?>("--data") { Description = "Rows or images to predict (targets, if present, are ignored)." };
        var images = new Option<string[]>("--image") { Description = "One or more image files.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Write the CSV here instead of stdout." };
        var command = new Command("predict", "Predictions of a saved model, as CSV.") { model, data, images, output };
        command.SetAction(parse =>
        {
            var loaded = SavedModel.Load(parse.GetValue(model)!);
            var imageFiles = parse.GetValue(images) ?? [];
            var dataPath = parse.GetValue(data);
            if ((dataPath is null) == (imageFiles.Length == 0)) throw CliException.Usage("give either --data FILE or --image IMG…");
            if (TextPrediction.Applies(loaded) && dataPath is not null) { Write(TextPrediction.Csv(loaded, parse.GetValue(model)!, dataPath)); return 0; }
            IExampleSet<float> x;
            string[] names;
            if (dataPath is not null) (x, _, names) = InputKinds.ForModel(new ModelRequest(loaded, parse.GetValue(model)!, dataPath, NeedTargets: false, null, parse.InvocationConfiguration.Error));
            else (x, names) = ReadImages(loaded, imageFiles);
            Write(Format(loaded, parse.GetValue(model)!, x, names));
            return 0;

            void Write(string csv)
            {
                var outPath = parse.GetValue(output);
                if (outPath is null) parse.InvocationConfiguration.Output.Write(csv);
                else WriteAtomically(outPath, csv);
            }
        });
        return command;
    }

    /// <summary>The files, decoded in batches as the model's images were (its stored size and channels).</summary>
    private static (IExampleSet<float>, string[]) ReadImages(LoadedModel<float> loaded, string[] files)
    {
        var (width, height, channels) = ImageFolderInput.StoredShape(loaded.Metadata);
        if (loaded.InputSize != width * height * channels)
            throw CliException.BadInput($"this model expects {loaded.InputSize} inputs, not {width}×{height}×{channels} images.");
        foreach (var file in files)
            if (!File.Exists(file)) throw CliException.BadInput($"--image '{file}': no such file.");
        var listing = (files.Select(f => (f, 0)).ToArray(), new[] { "?" });
        return (new ImageFileExamples<float>(listing, width, height, channels), files);
    }

    private static string Format(LoadedModel<float> loaded, string modelPath, IExampleSet<float> x, string[] names)
    {
        var model = loaded.Model;
        var (a, _) = model.Outputs(x);
        var classes = ClassNames(loaded, modelPath);
        var scale = TargetScale.FromMetadata(loaded.Metadata, modelPath);
        var sb = new StringBuilder();
        var task = ModelTask.ForOutput(model.OutputActivation);
        sb.AppendLine(task.IsClassification ? "row,label,probability" : "row,value");
        var labels = task.IsClassification ? Prediction.Labels(a) : null;   // the library's one prediction rule
        for (int i = 0; i < a.Dim(0); i++)
        {
            if (labels is null)
            {
                double v = scale is null ? a[i, 0] : a[i, 0] * scale.Std + scale.Mean;
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{Escape(names[i])},{v:R}"));
                continue;
            }
            int k = labels[i];
            double probability = a.Dim(-1) == 1 ? a[i, 0] : a[i, k];
            string label = classes?[k] ?? k.ToString(CultureInfo.InvariantCulture);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{Escape(names[i])},{Escape(label)},{probability:G6}"));
        }
        return sb.ToString();
    }

    /// <summary>The stored class names, checked: a JSON array of strings with one name per class.</summary>
    private static string[]? ClassNames(LoadedModel<float> loaded, string modelPath)
    {
        if (!loaded.Metadata.TryGetValue("classes", out var json)) return null;
        string[]? names;
        try { names = JsonSerializer.Deserialize<string[]>(json); }
        catch (JsonException) { names = null; }
        int needed = Math.Max(2, loaded.OutputSize);
        if (names is null || names.Length < needed || names.Any(n => n is null))
            throw CliException.BadInput($"{modelPath}: the 'classes' metadata is damaged (expected a list of {needed} class names).");
        return names;
    }

    private static string Escape(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static void WriteAtomically(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder)) throw CliException.BadInput($"--out '{path}': folder '{folder}' does not exist.");
        Backprop.Serialization.AtomicFile.WriteText(path, text);
    }
}
