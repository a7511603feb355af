using System.Numerics;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Learning-rate decay without callbacks: before each step, sets the inner optimiser's α to
/// schedule.Rate(⌊steps / stepsPerEpoch⌋), where steps counts this wrapper's steps. Pass the training loop's steps per
/// epoch (1 for full batch, ⌈m / batch size⌉ for mini-batches). The schedule's α₀ replaces the inner optimiser's rate.
/// The step count is part of the exported state, so a resumed run continues the schedule where it stopped.</summary>
public sealed class ScheduledOptimizer : IStatefulOptimizer
{
    /// <param name="inner">The optimiser that takes the steps.</param>
    /// <param name="schedule">α by epoch.</param>
    /// <param name="stepsPerEpoch">Optimiser steps per epoch, ≥ 1.</param>
    public ScheduledOptimizer(IOptimizer inner, ILearningRateSchedule schedule, int stepsPerEpoch)
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        StepsPerEpoch = stepsPerEpoch >= 1
            ? stepsPerEpoch
            : throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, "Steps per epoch must be at least 1.");
    }

    public IOptimizer Inner { get; }
    public ILearningRateSchedule Schedule { get; }
    public int StepsPerEpoch { get; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>The epoch of the next step.</summary>
    public int Epoch => Steps / StepsPerEpoch;

    /// <summary>The inner optimiser's name: the update rule is its; the schedule is a setting beside it.</summary>
    public string Name => Inner.Name;

    /// <summary>The rate the next step will use. The schedule owns it, so setting it throws.</summary>
    public double LearningRate
    {
        get => Schedule.Rate(Epoch);
        set => throw new NotSupportedException("A scheduled optimiser's learning rate comes from its schedule; change the schedule instead.");
    }

    public void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double rate = Schedule.Rate(Epoch);
        if (!(rate > 0 && double.IsFinite(rate)))
            throw new InvalidOperationException($"The schedule {Schedule} gave learning rate {rate} for epoch {Epoch}; it must be positive and finite.");
        Inner.LearningRate = rate;
        Inner.Step(parameters);
        Steps = checked(Steps + 1);
    }

    public OptimizerState ExportState<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        new("schedule", Steps, [], Optimizer.ExportState(Inner, parameters));

    public void ImportState<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Optimizer != "schedule" || state.Inner is null || state.Arrays.Count != 0 || state.Steps < 0)
            throw new ArgumentException($"The state belongs to a '{state.Optimizer}' optimiser, not a scheduled one.", nameof(state));
        Optimizer.ImportState(Inner, parameters, state.Inner);
        Steps = state.Steps;
    }

    public override string ToString() => $"{Inner} with {Schedule}";
}
