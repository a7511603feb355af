namespace Backprop.Optimizers;

/// <summary>The course's learning-rate decay: α = α₀ / (1 + decayRate·⌊epoch / interval⌋). With interval = 1 it is
/// update_lr; with a larger interval it is schedule_lr_decay (fixed-interval scheduling, the course uses 1000).</summary>
public sealed class InverseTimeDecay : ILearningRateSchedule
{
    /// <param name="initial">α₀ &gt; 0.</param>
    /// <param name="decayRate">≥ 0; 0 keeps α constant.</param>
    /// <param name="interval">Epochs between decays, ≥ 1.</param>
    public InverseTimeDecay(double initial, double decayRate, int interval = 1)
    {
        Initial = Hyperparameter.LearningRate(initial, nameof(initial));
        DecayRate = decayRate >= 0 && double.IsFinite(decayRate)
            ? decayRate
            : throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "The decay rate must be a finite number ≥ 0.");
        Interval = interval >= 1
            ? interval
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, "The decay interval must be at least 1 epoch.");
    }

    public double Initial { get; }
    public double DecayRate { get; }
    public int Interval { get; }

    public double Rate(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Initial / (1 + DecayRate * (epoch / Interval));
    }

    public override string ToString() => $"InverseTimeDecay(α₀={Initial}, rate={DecayRate}, interval={Interval})";
}
