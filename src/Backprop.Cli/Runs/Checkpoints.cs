using Backprop.Cli.Inputs;
using Backprop.Cli.Output;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;
using Backprop.Training.Callbacks;

namespace Backprop.Cli.Runs;

/// <summary>--checkpoint-every N writes OUT.checkpoint.bp every N epochs with the optimiser's state, the shuffling
/// generator's and early stopping's (<see cref="CheckpointState"/>); --resume puts all of it back, and sets each
/// augmentation layer's batch count k to the steps completed (its draws are a function of its seed and k), so that a
/// resumed run equals an uninterrupted one.</summary>
public static class Checkpoints
{
    /// <summary>The callback that writes the checkpoints of <paramref name="s"/>.</summary>
    public static ITrainingCallback Writer(TrainSettings s, Sequential<float> model, IOptimizer optimizer, NumpyRandom shuffle, EarlyStopping? early, PreparedData data) =>
        new Checkpointer(s.CheckpointEvery, (at, context) => ModelFile.Save(s.CheckpointPath, model, new Dictionary<string, string>(data.Metadata)
        {
            ["task"] = data.Task.Name,
            [CheckpointState.MetadataKey] = new CheckpointState(at.StepsCompleted, at.EpochsCompleted,
                Optimizer.ExportState(optimizer, model.Parameters), shuffle.SaveState(),
                early is null ? null : EarlyStoppingCheckpoint.Capture(early, context, model)).ToJson(),
        }));

    /// <summary>Restores parameters, optimiser state and the shuffling generator from a checkpoint; returns its state.</summary>
    public static CheckpointState Resume(string path, Sequential<float> model, IOptimizer optimizer, NumpyRandom shuffle)
    {
        if (!File.Exists(path)) throw CliException.BadInput($"--resume '{path}': no such file.");
        var loaded = ModelFile.Load<float>(path);
        var state = CheckpointState.FromMetadata(loaded.Metadata, path);
        if (!loaded.LayerDims.SequenceEqual(model.LayerDims))
            throw CliException.BadInput($"--resume '{path}': the checkpoint's layers [{string.Join(", ", loaded.LayerDims)}] differ from this run's [{string.Join(", ", model.LayerDims)}]; use the same data and flags.");
        for (int i = 0; i < model.Parameters.Count; i++) model.Parameters[i].Value.CopyFrom(loaded.Model.Parameters[i].Value);
        try
        {
            Optimizer.ImportState(optimizer, model.Parameters, state.Optimizer);
            shuffle.RestoreState(state.Shuffle);
            foreach (var layer in model.Descendants().OfType<IBatchSeeded>()) layer.Batches = state.StepsCompleted; // one training batch per step
        }
        catch (ArgumentException e)
        {
            throw CliException.BadInput($"--resume '{path}': {e.Message} Use the same --optimizer and flags as the run that wrote it.");
        }
        return state;
    }
}
