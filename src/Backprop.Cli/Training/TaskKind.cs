namespace Backprop.Cli.Training;

/// <summary>What the model predicts: a yes/no label (sigmoid + binary cross-entropy), one of several classes
/// (softmax + cross-entropy) or a number (linear output + mean squared error).</summary>
public enum TaskKind { Binary, Multiclass, Regression }

public static class TaskKinds
{
    public static string Name(this TaskKind task) => task switch
    {
        TaskKind.Binary => "binary",
        TaskKind.Multiclass => "multiclass",
        _ => "regression",
    };

    public static TaskKind Parse(string text, string flag) => text.Trim().ToLowerInvariant() switch
    {
        "binary" => TaskKind.Binary,
        "multiclass" or "multi-class" or "classification" => TaskKind.Multiclass,
        "regression" => TaskKind.Regression,
        _ => throw CliException.Usage($"{flag} '{text}' is not a task; use binary, multiclass or regression."),
    };
}
