using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Data;
using Backprop.Models;
using Backprop.Tensors;

namespace Backprop.Cli.Playground;

/// <summary>A playground model as a <c>.bp</c> file (<see cref="ModelFile.Save"/>), with metadata <c>input = playground</c>
/// and the recipe from the file's columns to the network's input: the two feature columns and the target by name,
/// x′ = (x − offset)·scale, then the chosen features (x1², sin x1, …). <c>backprop evaluate</c> reads a CSV with those
/// columns through <see cref="PlaygroundInput"/>.</summary>
public static class PlaygroundModelFile
{
    public static byte[] Save(PlaygroundNetwork network)
    {
        var data = network.Data;
        var recipe = new PlaygroundInput.Recipe(data.Columns, data.Target, data.Offset, data.Scale, network.Settings.Features, data.Name);
        var metadata = new Dictionary<string, string>
        {
            ["source"] = $"playground:{data.Name}",
            ["input"] = PlaygroundInput.InputName,
            ["task"] = data.IsRegression ? ModelTask.Regression.Name : ModelTask.BinaryClassification.Name,
            [PlaygroundInput.MetadataKey] = JsonSerializer.Serialize(recipe),
            ["epochs"] = network.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!data.IsRegression) metadata["classes"] = JsonSerializer.Serialize(new[] { "0", "1" });
        if (data.TargetScale is { } t) metadata[TargetScale.MetadataKey] = t.ToJson();
        var path = Path.Combine(Path.GetTempPath(), $"backprop-playground-{Guid.NewGuid():N}.bp");
        try
        {
            ModelFile.Save(path, network.Model, metadata);
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }
}
