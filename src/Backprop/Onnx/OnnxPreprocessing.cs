using Backprop.Data;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>The steps around the network that <c>backprop predict</c> applies, as ONNX nodes: raw table columns
/// x ↦ (Where(IsNaN(x), fill, x) − μ)/σ per numeric feature (one-hot features pass through: μ = 0, σ = 1); raw pixels
/// x ↦ x / 255; regression outputs y ↦ y·σ_y + μ_y. Their nodes are named "preprocess_…"/"postprocess_…", which is how
/// the importer recognises and skips them.</summary>
internal static class OnnxPreprocessing
{
    public const string PrefixIn = "preprocess_";
    public const string PrefixOut = "postprocess_";

    public static string Input(OnnxExportOptions options, OnnxGraphBuilder g, string x, int[] shape)
    {
        if (options.InputDivisor is { } divisor)
        {
            var d = g.Initializer(PrefixIn + "divisor", [(float)divisor]);
            x = g.Node("Div", PrefixIn + "scale_pixels", [x, d]);
        }
        if (options.Table is { } table)
        {
            int n = table.FeatureCount;
            if (shape.Length != 1 || shape[0] != n)
                throw new ArgumentException($"The table preprocessing gives {n} features but the network takes input of shape (batch, {string.Join(", ", shape)}).");
            float[] fill = new float[n], mean = new float[n], scale = new float[n];
            int k = 0;
            foreach (var column in table.Columns)
            {
                for (int j = 0; j < column.Width; j++, k++)
                    (fill[k], mean[k], scale[k]) = column is NumericColumn c ? ((float)c.Fill, (float)c.Mean, (float)c.Scale) : (0f, 0f, 1f);
            }
            var missing = g.Node("IsNaN", PrefixIn + "is_missing", [x]);
            x = g.Node("Where", PrefixIn + "fill_missing", [missing, g.Initializer(PrefixIn + "fill", fill, 1, n), x]);
            x = g.Node("Sub", PrefixIn + "center", [x, g.Initializer(PrefixIn + "mean", mean, 1, n)]);
            x = g.Node("Div", PrefixIn + "standardize", [x, g.Initializer(PrefixIn + "scale", scale, 1, n)]);
        }
        return x;
    }

    public static string Output(OnnxExportOptions options, OnnxGraphBuilder g, string y)
    {
        if (options.TargetScale is not { } scale) return y;
        y = g.Node("Mul", PrefixOut + "target_std", [y, g.Initializer(PrefixOut + "std", [(float)scale.Std])]);
        return g.Node("Add", PrefixOut + "target_mean", [y, g.Initializer(PrefixOut + "mean", [(float)scale.Mean])]);
    }

    /// <summary>Whether a node belongs to the preprocessing rather than the network.</summary>
    public static bool IsPreprocessing(NodeProto node) =>
        node.Name.StartsWith(PrefixIn, StringComparison.Ordinal) || node.Name.StartsWith(PrefixOut, StringComparison.Ordinal);
}
