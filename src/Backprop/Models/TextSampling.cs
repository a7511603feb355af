namespace Backprop.Models;

/// <summary>How a draw reshapes the model's P(next character): p_i ∝ p_i^(1/τ) for temperature τ &gt; 0 (below 1 sharper,
/// above 1 flatter), and with top-k only the k most likely characters keep their weight (ties at the k-th value are
/// kept). <see cref="Plain"/> (τ = 1, k = 0: all) draws from the model's own distribution.</summary>
public sealed record TextSampling
{
    /// <param name="temperature">τ &gt; 0.</param>
    /// <param name="topK">k ≥ 0; 0 keeps every character.</param>
    public TextSampling(double temperature = 1, int topK = 0)
    {
        Temperature = temperature > 0 && double.IsFinite(temperature)
            ? temperature
            : throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a finite number > 0.");
        TopK = topK >= 0 ? topK : throw new ArgumentOutOfRangeException(nameof(topK), topK, "Top-k must be ≥ 0 (0 keeps every character).");
    }

    public static TextSampling Plain { get; } = new();

    public double Temperature { get; }
    public int TopK { get; }

    /// <summary>Reshapes the probabilities <paramref name="p"/> in place and renormalises them; <see cref="Plain"/> leaves
    /// them untouched, bit for bit.</summary>
    public void Apply(double[] p)
    {
        if (TopK == 0 && Temperature == 1) return;
        if (TopK > 0 && TopK < p.Length)
        {
            double kth = p.OrderDescending().ElementAt(TopK - 1);
            for (int i = 0; i < p.Length; i++) if (p[i] < kth) p[i] = 0;
        }
        if (Temperature != 1)
            for (int i = 0; i < p.Length; i++) p[i] = p[i] > 0 ? Math.Pow(p[i], 1 / Temperature) : 0;
        double sum = p.Sum();
        if (!(sum > 0)) throw new InvalidOperationException("Every character has probability 0 after temperature and top-k.");
        for (int i = 0; i < p.Length; i++) p[i] /= sum;
    }
}
