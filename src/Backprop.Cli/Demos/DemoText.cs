using System.Globalization;

namespace Backprop.Cli.Demos;

/// <summary>How demos print: a heading, then for each claim the notes' words beside what this machine measured, so the
/// two can be read line against line. Numbers are formatted with the invariant culture.</summary>
public static class DemoText
{
    public static void Heading(TextWriter output, string title)
    {
        output.WriteLine(title);
        output.WriteLine(new string('=', title.Length));
    }

    /// <summary>"notes: …" then "here:  …", and a blank line.</summary>
    public static void Claim(TextWriter output, string notes, string measured)
    {
        output.WriteLine($"  notes: {notes}");
        output.WriteLine($"  here:  {measured}");
        output.WriteLine();
    }

    public static void Wrote(TextWriter output, string what, string path) => output.WriteLine($"Wrote {what} to {path}");

    public static string F(double value, string format = "G4") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + " %";

    /// <summary>A plain text table: columns padded to their widest cell, a rule under the header.</summary>
    public static void Table(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        for (int r = 0; r < all.Count; r++)
        {
            output.WriteLine("  " + string.Join("  ", all[r].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
            if (r == 0) output.WriteLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        }
        output.WriteLine();
    }
}
