using System.Text.Json.Serialization;

namespace Backprop.Data;

/// <summary>What a table's target column asks a model to predict.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetKind>))]
public enum TargetKind
{
    /// <summary>Two classes: y ∈ {0, 1}, Y [m × 1].</summary>
    Binary,

    /// <summary>C > 2 classes: y ∈ {0 … C−1}, Y [m] class indices.</summary>
    Multiclass,

    /// <summary>A real number: y = (value − μ)/σ, Y [m × 1].</summary>
    Regression,
}
