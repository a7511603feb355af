namespace Backprop.Optimizers;

/// <summary>α as a function of the epoch (0-based): learning-rate decay. Use one through <see cref="ScheduledOptimizer"/>.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for <paramref name="epoch"/> (≥ 0); always positive and finite.</summary>
    double Rate(int epoch);
}
