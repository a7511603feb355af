using System.Globalization;
using System.Security;
using System.Text;

namespace Backprop.Cli.Demos;

/// <summary>A recorded graph as SVG text (no drawing library): one column per depth, leaves on the left and the output on
/// the right, a box per tensor with its label, value and gradient, and an arrow from each input to its output.</summary>
public static class GraphSvg
{
    private const int BoxWidth = 150, BoxHeight = 64, ColumnGap = 90, RowGap = 30, Margin = 40, TitleHeight = 30;

    public static string Render(RecordedGraph graph, string title)
    {
        var nodes = graph.Nodes;
        var rowOf = new int[nodes.Count];
        var rowsIn = new Dictionary<int, int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            rowsIn.TryGetValue(nodes[i].Depth, out int row);
            rowOf[i] = row;
            rowsIn[nodes[i].Depth] = row + 1;
        }
        int columns = nodes.Max(n => n.Depth) + 1, rows = rowsIn.Values.Max();
        int width = 2 * Margin + columns * BoxWidth + (columns - 1) * ColumnGap;
        int height = 2 * Margin + TitleHeight + rows * BoxHeight + (rows - 1) * RowGap;
        (double X, double Y) Corner(int i)
        {
            // Centre each column's boxes vertically.
            int inColumn = rowsIn[nodes[i].Depth];
            double top = Margin + TitleHeight + (rows - inColumn) * (BoxHeight + RowGap) / 2.0;
            return (Margin + nodes[i].Depth * (BoxWidth + ColumnGap), top + rowOf[i] * (BoxHeight + RowGap));
        }

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"14\">"));
        svg.AppendLine("  <defs><marker id=\"arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"10\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#555\"/></marker></defs>");
        svg.AppendLine("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine(Invariant($"  <text x=\"{Margin}\" y=\"{Margin}\" font-size=\"16\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>"));
        for (int i = 0; i < nodes.Count; i++)
            foreach (int input in nodes[i].Inputs)
            {
                var (x1, y1) = Corner(input);
                var (x2, y2) = Corner(i);
                svg.AppendLine(Invariant($"  <line x1=\"{x1 + BoxWidth}\" y1=\"{y1 + BoxHeight / 2.0}\" x2=\"{x2}\" y2=\"{y2 + BoxHeight / 2.0}\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>"));
            }
        for (int i = 0; i < nodes.Count; i++)
        {
            var (x, y) = Corner(i);
            var n = nodes[i];
            string variable = n.Label.Split(' ')[0];
            svg.AppendLine(Invariant($"  <g><rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"{(n.Inputs.Count == 0 ? "#e8f0fe" : "#fff4e0")}\" stroke=\"#333\"/>"));
            svg.AppendLine(Invariant($"    <text x=\"{x + 10}\" y=\"{y + 20}\" font-weight=\"bold\">{SecurityElement.Escape(n.Label)}</text>"));
            svg.AppendLine(Invariant($"    <text x=\"{x + 10}\" y=\"{y + 38}\">value = {Number(n.Value)}</text>"));
            svg.AppendLine(Invariant($"    <text x=\"{x + 10}\" y=\"{y + 56}\" fill=\"#c00\">dJ/d{SecurityElement.Escape(variable)} = {Number(n.Gradient)}</text></g>"));
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
