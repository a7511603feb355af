namespace Backprop.Training.Callbacks;

/// <summary>Early stopping's counters: the best validation cost, its 0-based epoch (−1 before any), and the epochs since.</summary>
public sealed record EarlyStoppingState(double BestCost, int BestEpoch, int EpochsWithoutImprovement);
