using Backprop.Data;

namespace Backprop.Onnx;

/// <summary>What an ONNX export adds around the network y = f(x): names, the per-example input shape, class names, and the
/// preprocessing that turns raw inputs into x (table standardisation, pixel scaling) and y back into target units, so the
/// exported model takes the same raw inputs as <c>backprop predict</c>. Every part is optional.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>The graph input's name; by default "features" for tables, "pixels" for images, else "input".</summary>
    public string? InputName { get; init; }

    /// <summary>The graph output's name; by default "probability"/"probabilities" for sigmoid/softmax outputs,
    /// "value" for regression with a target scale, else "output".</summary>
    public string? OutputName { get; init; }

    /// <summary>The shape of one example (no batch axis); by default the first dense or batch-norm layer's input width, or
    /// a GPT's context (its positional table's length).</summary>
    public int[]? InputShape { get; init; }

    /// <summary>Sequences of any length T up to the input shape's first entry: the axis after the batch one is dynamic too,
    /// named "time" (a GPT reads the first T rows of its positional table and the top-left T × T of its causal mask; a
    /// recurrent layer runs T steps). Off by default: the input shape fixes T. Import reads fixed shapes only.</summary>
    public bool VariableLength { get; init; }

    /// <summary>Class names (index = label), stored in the model's metadata as "classes" (a JSON list).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Table preprocessing: numeric columns become Where(IsNaN(x), fill, x), then (x − μ)/σ inside the graph;
    /// one-hot columns are fed as 0/1 (the contract is written in the model's doc string).</summary>
    public TablePreprocessor? Table { get; init; }

    /// <summary>Divide the raw input by this first (255 for images of bytes).</summary>
    public double? InputDivisor { get; init; }

    /// <summary>Regression targets standardised for training: the graph ends in y·Std + Mean.</summary>
    public (double Mean, double Std)? TargetScale { get; init; }

    /// <summary>Extra metadata_props (key → value), e.g. the model file's metadata.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Free text put first in the model's doc string.</summary>
    public string? Description { get; init; }
}
