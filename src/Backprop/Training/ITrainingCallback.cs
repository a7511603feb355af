namespace Backprop.Training;

/// <summary>A subscriber to training events. Every method has an empty default, so a callback implements only what it needs.
/// Order within one step: forward pass and cost → <see cref="OnCost"/> → backward pass and update → <see cref="OnStepEnd"/>.</summary>
public interface ITrainingCallback
{
    /// <summary>Before the first step.</summary>
    void OnTrainingStart(TrainingContext context) { }

    /// <summary>After the cost of a step is known, before its update: a callback can stop here to keep the current parameters.</summary>
    void OnCost(TrainingContext context, StepResult step) { }

    /// <summary>After a step's update.</summary>
    void OnStepEnd(TrainingContext context, StepResult step) { }

    /// <summary>After each epoch, with the validation cost when there is validation data.</summary>
    void OnEpochEnd(TrainingContext context, EpochResult epoch) { }

    /// <summary>After the last step (or a stop).</summary>
    void OnTrainingEnd(TrainingContext context) { }
}

/// <summary>One gradient step: its 0-based global index, epoch, cost J before the update, and batch size.</summary>
public readonly record struct StepResult(int Step, int Epoch, double Cost, int BatchSize);

/// <summary>One epoch: mean training cost over its steps and, when given validation data, the validation cost.</summary>
public readonly record struct EpochResult(int Epoch, double Cost, double? ValidationCost);
