using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Data;
using Backprop.Data.Tokens;
using Backprop.Models;
using Spectre.Console;

namespace Backprop.Cli.Output;

/// <summary>A model file described for a person (short tables: layers with the course's W[l] (n[l], n[l−1]) and b[l]
/// (n[l]) shapes; input columns with kind, fill value and scaling; training settings; metrics) or for a machine (one JSON
/// object with the metadata parsed).</summary>
public static class SummaryView
{
    public static void Human(string path, ModelDescription d, TextWriter output)
    {
        var console = Console(output);
        output.WriteLine($"{Path.GetFileName(path)}: Backprop model, format version {d.Version}, {d.DType}");
        var task = d.Metadata.GetValueOrDefault("task");
        var shape = d.LayerDims is { } dims ? $"layers [{string.Join(", ", dims)}]" : $"{d.Layers.Count} layers";
        output.WriteLine($"{task ?? "model"}: {shape}, {d.ParameterCount:N0} parameters" +
                         (d.Metadata.TryGetValue("source", out var source) ? $", trained on {source} data" : ""));
        var layers = NewTable("layer", "type", "settings", "output shape", "tensors", "parameters");
        var shapes = OutputShapes(path);
        foreach (var layer in d.Layers)
        {
            var own = d.Tensors.Where(t => TensorBelongsTo(t.Name, layer.Place)).ToList();
            var outputShape = shapes is not null && int.TryParse(layer.Place, out int l) && l <= shapes.Count ? shapes[l - 1] : "";
            // Keras' "Param #": trainable values and saved statistics (batch norm's running mean and variance).
            long count = own.Sum(t => t.ElementCount), trainable = own.Where(t => !ModelFile.IsBuffer(t.Name)).Sum(t => t.ElementCount);
            var counts = count == trainable ? $"{count:N0}" : $"{count:N0} ({trainable:N0} trainable)";
            layers.AddRow(layer.Place, layer.Type, Markup.Escape(layer.Settings), outputShape,
                Markup.Escape(string.Join(", ", own.Select(t => $"{t.Name} ({string.Join(", ", t.Shape)})"))), counts);
        }
        console.Write(layers);
        if (d.Metadata.TryGetValue("classes", out var classes)) output.WriteLine($"classes: {string.Join(", ", Parse(classes)?.AsArray().Select(c => c?.ToString()) ?? [])}");
        if (d.Metadata.TryGetValue("vocabulary", out var vocabulary)) output.WriteLine("tokenizer: " + Tokens(d.Metadata.GetValueOrDefault("tokenizer"), vocabulary));
        if (d.Metadata.TryGetValue("preprocessing", out var json)) Columns(TablePreprocessor.FromJson(json, path), console, output);
        if (d.Metadata.TryGetValue("training", out var training) && Parse(training) is JsonObject settings)
        {
            var table = NewTable("setting", "value");
            foreach (var (key, value) in settings)
                if (value is not null) table.AddRow(key.Replace('_', ' '), Markup.Escape(value.ToString()));
            console.Write(table);
        }
        if (d.Metadata.TryGetValue("metrics", out var metrics) && Parse(metrics) is JsonObject m && m["train"] is JsonObject train)
        {
            var test = m["test"] as JsonObject;
            var table = test is null ? NewTable("metric", "train") : NewTable("metric", "train", "test");
            foreach (var (key, value) in train)
                table.AddRow(test is null ? [key, Number(value)] : [key, Number(value), Number(test[key])]);
            console.Write(table);
        }
    }

    /// <summary>The file's description as one JSON object; metadata values that are JSON are nested as objects.</summary>
    public static string Json(string path, ModelDescription d)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in d.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            metadata[key] = Parse(value) ?? JsonValue.Create(value);
        var root = new JsonObject
        {
            ["file"] = Path.GetFullPath(path), ["version"] = d.Version, ["dtype"] = d.DType,
            ["layer_dims"] = d.LayerDims is { } dims ? new JsonArray(dims.Select(n => (JsonNode)n).ToArray()) : null,
            ["parameters"] = d.ParameterCount,
            ["architecture"] = d.Architecture.DeepClone(),
            ["metadata"] = metadata,
        };
        return root.ToJsonString();
    }

    /// <summary>"char, 27 characters" or "gpt2, 412 GPT-2 tokens of its 50,257": a text model's tokenizer and the size of
    /// its vocabulary (a file without a tokenizer's name is a character model).</summary>
    private static string Tokens(string? kind, string vocabulary)
    {
        try
        {
            var tokenizer = Tokenization.Restore(kind ?? CharTokenizer.Kind, vocabulary);
            var of = tokenizer is Gpt2Tokenizer ? $" of its {Gpt2Tokenizer.FullVocabularySize:N0}" : "";
            return $"{tokenizer.Name}, {tokenizer.VocabularySize:N0} {tokenizer.Unit}{of}";
        }
        catch (Exception e) when (e is ArgumentException or JsonException) { return $"{kind} (its vocabulary is damaged: {e.Message})"; }
    }

    private static void Columns(TablePreprocessor p, IAnsiConsole console, TextWriter output)
    {
        var table = NewTable("column", "kind", "missing → fill", "scaling");
        foreach (var c in p.Columns)
            table.AddRow(c switch
            {
                NumericColumn n => [Markup.Escape(n.Name), "number", G(n.Fill), n.Scale == 1 && n.Mean == 0 ? "none" : $"(x − {G(n.Mean)}) / {G(n.Scale)}"],
                CategoricalColumn k => [Markup.Escape(k.Name), $"category ({k.Categories.Length})", Markup.Escape(k.Fill), "one-hot"],
                _ => [Markup.Escape(c.Name), "?", "", ""],
            });
        var t = p.Target;
        table.AddRow(Markup.Escape(t.Name), $"target, {t.Kind.ToString().ToLowerInvariant()}", "-",
            t.Kind == TargetKind.Regression ? $"(y − {G(t.Mean)}) / {G(t.Scale)}" : Markup.Escape(string.Join(", ", t.Classes.Take(10)) + (t.Classes.Length > 10 ? ", …" : "")));
        console.Write(table);
        if (p.LeftOut.Length > 0)
            output.WriteLine($"left out: {string.Join(", ", p.LeftOut.Select(c => $"{c.Name} ({c.Reason})"))}");
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

    private static Table NewTable(params string[] columns) => new Table().Border(TableBorder.Simple).AddColumns(columns);

    private static string Number(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<double>(out var x) ? G(x) : Markup.Escape(value?.ToString() ?? "");

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static JsonNode? Parse(string value)
    {
        if (value.Length == 0 || value[0] is not ('{' or '[')) return null;
        try { return JsonNode.Parse(value); }
        catch (JsonException) { return null; }
    }

    private static IAnsiConsole Console(TextWriter output)
    {
        bool terminal = output == System.Console.Out && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal) console.Profile.Width = 240; // a file or a pipe: one row per layer, never wrapped at 80 columns
        return console;
    }
}
