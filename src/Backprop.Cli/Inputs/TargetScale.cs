using Backprop.Cli.Output;
using System.Globalization;
using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Cli.Inputs;

/// <summary>Regression targets are standardised for training, y' = (y − μ)/σ, so the default learning rate suits any unit
/// (house prices in dollars); predictions are mapped back, y = y'·σ + μ. Stored in the model's metadata.</summary>
public sealed record TargetScale(double Mean, double Std)
{
    public const string MetadataKey = "target_scale";

    public static TargetScale Fit(Tensor<float> y)
    {
        var s = y.AsReadOnlySpan();
        double mean = 0;
        foreach (var v in s) mean += v;
        mean /= Math.Max(1, s.Length);
        double variance = 0;
        foreach (var v in s) variance += (v - mean) * (v - mean);
        double std = Math.Sqrt(variance / Math.Max(1, s.Length));
        return new TargetScale(mean, std > 1e-12 ? std : 1);
    }

    public Tensor<float> Apply(Tensor<float> y)
    {
        var t = y.Clone();
        var s = t.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = (float)((s[i] - Mean) / Std);
        return t;
    }

    public double[] Unapply(ReadOnlySpan<float> scaled)
    {
        var r = new double[scaled.Length];
        for (int i = 0; i < r.Length; i++) r[i] = scaled[i] * Std + Mean;
        return r;
    }

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, double> { ["mean"] = Mean, ["std"] = Std });

    public static TargetScale? FromMetadata(IReadOnlyDictionary<string, string> metadata, string source = "the model")
    {
        if (!metadata.TryGetValue(MetadataKey, out var json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var scale = new TargetScale(doc.RootElement.GetProperty("mean").GetDouble(), doc.RootElement.GetProperty("std").GetDouble());
            if (double.IsFinite(scale.Mean) && double.IsFinite(scale.Std) && scale.Std > 0) return scale;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException) { }
        throw CliException.BadInput($"{source}: the '{MetadataKey}' metadata is damaged (expected {{\"mean\": number, \"std\": positive number}}).");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"mean {Mean:G6}, std {Std:G6}");
}
