namespace Backprop.Optimizers;

/// <summary>Linear warm-up, then cosine decay (the schedule of GPT-style training, nanoGPT's <c>get_lr</c>): for step t,
/// α = α_max·(t + 1)/w while t &lt; w; then α = α_min + ½·(α_max − α_min)·(1 + cos(π·(t − w)/(T − w))) until t = T; then α_min.
/// Its unit is whatever <see cref="ScheduledOptimizer"/> counts: with stepsPerEpoch = 1 it runs per optimiser step, as
/// transformers are trained; with the steps of an epoch, per epoch.</summary>
public sealed class WarmupCosineDecay : ILearningRateSchedule
{
    /// <param name="peak">α_max &gt; 0, reached at the end of the warm-up.</param>
    /// <param name="warmup">w ≥ 0 steps of linear warm-up.</param>
    /// <param name="total">T &gt; w, the step at which the decay reaches α_min.</param>
    /// <param name="minimum">α_min in (0, α_max]; α_max/10 when not given (nanoGPT's choice).</param>
    public WarmupCosineDecay(double peak, int warmup, int total, double? minimum = null)
    {
        Peak = Hyperparameter.LearningRate(peak, nameof(peak));
        Warmup = warmup >= 0 ? warmup : throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "The warm-up must be at least 0 steps.");
        Total = total > warmup ? total : throw new ArgumentOutOfRangeException(nameof(total), total, $"The schedule's length must exceed its warm-up of {warmup} steps.");
        double floor = minimum ?? peak / 10;
        Minimum = floor > 0 && floor <= peak
            ? floor
            : throw new ArgumentOutOfRangeException(nameof(minimum), floor, $"The final rate must be in (0, {peak}].");
    }

    public double Peak { get; }
    public int Warmup { get; }
    public int Total { get; }
    public double Minimum { get; }

    public double Rate(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (epoch < Warmup) return Peak * (epoch + 1) / Warmup;
        if (epoch >= Total) return Minimum;
        double progress = (double)(epoch - Warmup) / (Total - Warmup);
        return Minimum + 0.5 * (Peak - Minimum) * (1 + Math.Cos(Math.PI * progress));
    }

    public override string ToString() => $"WarmupCosineDecay(α_max={Peak}, warm-up={Warmup}, T={Total}, α_min={Minimum})";
}
