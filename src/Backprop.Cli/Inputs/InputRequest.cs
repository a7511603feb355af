using Backprop.Models;

namespace Backprop.Cli.Inputs;

/// <summary>What a training run asks of its input: the file, the target column and task (null: inferred), the held-out
/// test share and the seed of the split, HDF5 keys, and the table options (rows with empty cells dropped, columns kept
/// or read as categories on purpose, notes turned into errors by --strict).</summary>
public sealed record InputRequest(
    string? Path,
    string? Target,
    ModelTask? Task,
    double TestSplit,
    uint Seed,
    string? XKey = null,
    string? YKey = null,
    bool DropMissing = false,
    string[]? Keep = null,
    string[]? Categorical = null,
    bool Strict = false,
    int? ImageSize = null,
    bool SkipBadImages = false);
