namespace Backprop.Optimizers;

/// <summary>Exponential learning-rate decay: α = α₀·rateᵉᵖᵒᶜʰ (the course's 0.95ᵉᵖᵒᶜʰ·α₀).</summary>
public sealed class ExponentialDecay : ILearningRateSchedule
{
    /// <param name="initial">α₀ &gt; 0.</param>
    /// <param name="decayRate">The factor per epoch, in (0, 1].</param>
    public ExponentialDecay(double initial, double decayRate)
    {
        Initial = Hyperparameter.LearningRate(initial, nameof(initial));
        DecayRate = decayRate is > 0 and <= 1
            ? decayRate
            : throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "The decay factor per epoch must be in (0, 1].");
    }

    public double Initial { get; }
    public double DecayRate { get; }

    public double Rate(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        // Never let underflow reach zero: a zero rate would be refused by the optimiser mid-run.
        return Math.Max(Initial * Math.Pow(DecayRate, epoch), double.Epsilon);
    }

    public override string ToString() => $"ExponentialDecay(α₀={Initial}, rate={DecayRate})";
}
