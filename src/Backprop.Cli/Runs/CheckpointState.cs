using Backprop.Cli.Output;
using System.Text.Json;
using Backprop.Optimizers;
using Backprop.Randomness;

namespace Backprop.Cli.Runs;

/// <summary>What a checkpoint adds to a model file (metadata key <c>checkpoint</c>): the steps done, the optimiser's state
/// (velocities, moment estimates, step count), the shuffling generator's state at the epoch boundary, and early stopping's
/// state (best cost, patience counter, best weights) when it is on.</summary>
public sealed record CheckpointState(int StepsCompleted, int EpochsCompleted, OptimizerState Optimizer, NumpyRandomState Shuffle, EarlyStoppingCheckpoint? EarlyStopping = null)
{
    public const string MetadataKey = "checkpoint";

    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    public static CheckpointState FromMetadata(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(MetadataKey, out var json))
            throw CliException.BadInput($"--resume '{path}': this model file is not a checkpoint (written by --checkpoint-every).");
        try
        {
            return JsonSerializer.Deserialize<CheckpointState>(json, ReportJson.Options) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw CliException.BadInput($"--resume '{path}': the checkpoint state is damaged ({e.Message}).");
        }
    }
}
