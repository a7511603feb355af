using Backprop.Cli.Output;
using Backprop.Models;

namespace Backprop.Cli.Inputs;

/// <summary>A model file named by <c>--model</c>, loaded, or a one-line error naming the flag.</summary>
public static class SavedModel
{
    public static LoadedModel<float> Load(string path)
    {
        if (!File.Exists(path)) throw CliException.BadInput($"--model '{path}': not found.");
        return ModelFile.Load<float>(path);
    }
}
