using Backprop.Cli.Output;
using System.Runtime.InteropServices;
using Backprop.Models;
using Backprop.Training;
using Backprop.Training.Callbacks;

namespace Backprop.Cli.Runs;

/// <summary>Early stopping's part of a checkpoint: its counters and the best epoch's parameters, each as the base64 of its
/// little-endian float32 bytes, so a resumed run stops at the same epoch and restores the same weights, bit for bit.</summary>
public sealed record EarlyStoppingCheckpoint(EarlyStoppingState State, string[]? BestWeights)
{
    /// <summary>Reads the state of <paramref name="early"/>; the best parameters are read by putting them into
    /// <paramref name="model"/> for a moment and then putting the current ones back.</summary>
    public static EarlyStoppingCheckpoint Capture(EarlyStopping early, TrainingContext context, Sequential<float> model)
    {
        if (early.BestParameters is not { } best) return new(early.State, null);
        var current = context.CaptureParameters();
        context.RestoreParameters(best);
        var weights = model.Parameters.Select(p => Convert.ToBase64String(MemoryMarshal.AsBytes(p.Value.AsReadOnlySpan()))).ToArray();
        context.RestoreParameters(current);
        return new(early.State, weights);
    }

    /// <summary>A callback, first in the list, that hands this state to <paramref name="early"/> when training starts.</summary>
    public ITrainingCallback ResumeInto(EarlyStopping early, Sequential<float> model, string path) => new Restore(this, early, model, path);

    private sealed class Restore(EarlyStoppingCheckpoint saved, EarlyStopping early, Sequential<float> model, string path) : ITrainingCallback
    {
        public void OnTrainingStart(TrainingContext context)
        {
            object? best = null;
            if (saved.BestWeights is { } weights)
            {
                if (weights.Length != model.Parameters.Count) throw CliException.BadInput($"--resume '{path}': the early-stopping weights do not fit this model.");
                var current = context.CaptureParameters();
                for (int i = 0; i < weights.Length; i++)
                {
                    var target = MemoryMarshal.AsBytes(model.Parameters[i].Value.AsSpan());
                    if (!Convert.TryFromBase64String(weights[i], target, out int written) || written != target.Length)
                        throw CliException.BadInput($"--resume '{path}': the early-stopping weights are damaged.");
                }
                best = context.CaptureParameters();
                context.RestoreParameters(current);
            }
            early.Resume(saved.State, best);
        }
    }
}
