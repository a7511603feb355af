using Backprop.Models;

namespace Backprop.Cli.Inputs;

/// <summary>What evaluate and predict ask of their input: the loaded model (its metadata says how it was fed), its path
/// for messages, the data, whether targets are needed, the --target given (null: the model's own), and where notes go.</summary>
public sealed record ModelRequest(LoadedModel<float> Model, string ModelPath, string DataPath, bool NeedTargets, string? Target, TextWriter Notes);
