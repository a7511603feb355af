using System.CommandLine.Parsing;
using System.Globalization;

namespace Backprop.Cli.Flags;

/// <summary>Exact parsers for flag values: a value is read whole or refused, never as the nearest thing that parses.
/// Numbers are invariant-culture, without thousands separators (System.CommandLine's default would read "--lr 0,01" as 1
/// in an English locale and "0.01" as 1 in a German one); lists refuse empty elements ("20,,5").</summary>
public static class FlagValues
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>A decimal number such as 0.003 or 1e-4.</summary>
    public static double? Number(ArgumentResult result)
    {
        var token = Single(result);
        if (token is null) return null;
        if (double.TryParse(token, DecimalStyle, CultureInfo.InvariantCulture, out double value)) return value;
        result.AddError($"{Flag(result)} '{token}' is not a number (write it like 0.003 or 1e-4).");
        return null;
    }

    /// <summary><see cref="Number"/> for an option with a default value (0 only alongside the error it reports).</summary>
    public static double Decimal(ArgumentResult result) => Number(result) ?? 0;

    /// <summary>A whole number such as 64.</summary>
    public static int? WholeNumber(ArgumentResult result)
    {
        var token = Single(result);
        if (token is null) return null;
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) return value;
        result.AddError($"{Flag(result)} '{token}' is not a whole number.");
        return null;
    }

    /// <summary>A comma-separated list, over one or several tokens ("id,name" or "id name"); an empty element is an error.</summary>
    public static string[] List(ArgumentResult result)
    {
        var items = new List<string>();
        foreach (var token in result.Tokens)
            foreach (var part in token.Value.Split(','))
            {
                var item = part.Trim();
                if (item.Length == 0)
                {
                    result.AddError($"{Flag(result)} '{token.Value}' has an empty element; separate names with single commas.");
                    return [];
                }
                items.Add(item);
            }
        return [.. items];
    }

    /// <summary>Positive whole numbers separated by commas, such as 20,7,5.</summary>
    public static int[]? Sizes(ArgumentResult result)
    {
        var token = Single(result);
        if (token is null) return null;
        var parts = token.Split(',');
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] <= 0)
            {
                result.AddError(part.Length == 0
                    ? $"{Flag(result)} '{token}' has an empty element; give sizes such as 20,7,5."
                    : $"{Flag(result)} '{token}': '{part}' is not a positive whole number of units.");
                return null;
            }
        }
        return sizes;
    }

    private static string? Single(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[0].Value;

    private static string Flag(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
