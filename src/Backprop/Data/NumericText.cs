using System.Globalization;

namespace Backprop.Data;

/// <summary>What a table cell holds when read as a number (invariant culture: '.' decimal point, optional exponent).</summary>
internal enum CellKind { Number, NotFinite, Text }

/// <summary>Parses table cells as numbers, telling a finite number from NaN/∞ (which a table may not hold) and from text.</summary>
internal static class NumericText
{
    public static CellKind Parse(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return double.IsFinite(value) ? CellKind.Number : CellKind.NotFinite;
        var t = text.Trim().TrimStart('+', '-');
        if (t.Equals("nan", StringComparison.OrdinalIgnoreCase) || t.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || t.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return CellKind.NotFinite;
        }
        return CellKind.Text;
    }

    /// <summary>The message for a NaN or infinite cell.</summary>
    public static string NotFiniteMessage(string text) =>
        $"'{text}' is not a finite number; leave the cell empty to mark a missing value";
}
