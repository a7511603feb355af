using System.Globalization;
using System.Numerics;
using System.Text;

namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>NumPy-style text: nested brackets, eight significant digits, long axes elided with "…".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Name is not null) sb.Append(Name).Append(" = ");
        Append(sb, 0, 0);
        if (Rank != 1 || Length > 6) sb.Append("  shape ").Append(ShapeMath.Format(_shape));
        return sb.ToString();
    }

    private void Append(StringBuilder sb, int axis, int offset)
    {
        var s = AsReadOnlySpan();
        if (Rank == 0) { sb.Append(FormatValue(s[0])); return; }
        int n = _shape[axis], stride = 1;
        for (int k = axis + 1; k < Rank; k++) stride *= _shape[k];
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (n > 8 && i == 3) { sb.Append("…, "); i = n - 3; }
            if (axis == Rank - 1) sb.Append(FormatValue(s[offset + i]));
            else Append(sb, axis + 1, offset + i * stride);
            if (i < n - 1) sb.Append(axis == Rank - 1 ? ", " : ",\n" + new string(' ', axis + 1));
        }
        sb.Append(']');
    }

    private static string FormatValue(T v) => double.CreateChecked(v).ToString("G8", CultureInfo.InvariantCulture);
}
