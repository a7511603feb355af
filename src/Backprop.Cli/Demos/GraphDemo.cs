using Backprop.Cli.Flags;
using System.CommandLine;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Tensors;
using static Backprop.Cli.Demos.DemoText;

namespace Backprop.Cli.Demos;

/// <summary><c>backprop demo graph</c>: the notes' computation graph J = 3(a + bc) at a = 5, b = 3, c = 2. Forward
/// u = bc = 6, v = a + u = 11, J = 3v = 33; backward by the chain rule dJ/dv = 3, dJ/du = 3, dJ/da = 3, dJ/db = c·3 = 6,
/// dJ/dc = b·3 = 9. The picture is drawn from the graph autograd recorded (walked from J through each node's inputs),
/// not from a hand-written list, so it shows what the engine actually did.</summary>
public static class GraphDemo
{
    /// <summary>The values and gradients of a, b, c, u, v and J, by name, and the SVG's path.</summary>
    public sealed record Result(IReadOnlyDictionary<string, (double Value, double Gradient)> Nodes, string SvgPath);

    public static Command Create()
    {
        var output = DemoOptions.Out();
        var a = new Option<double>("-a") { Description = "Value of a (default 5).", DefaultValueFactory = _ => 5, CustomParser = FlagValues.Decimal };
        var b = new Option<double>("-b") { Description = "Value of b (default 3).", DefaultValueFactory = _ => 3, CustomParser = FlagValues.Decimal };
        var c = new Option<double>("-c") { Description = "Value of c (default 2).", DefaultValueFactory = _ => 2, CustomParser = FlagValues.Decimal };
        var command = new Command("graph", "Draw the computation graph of J = 3(a + bc) that autograd recorded, with values and gradients (SVG).") { output, a, b, c };
        command.SetAction(parse =>
        {
            Run(parse.GetValue(a), parse.GetValue(b), parse.GetValue(c), parse.GetValue(output)!, parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    public static Result Run(double aValue, double bValue, double cValue, string outFolder, TextWriter output)
    {
        Heading(output, $"The computation graph J = 3(a + bc) at a = {F(aValue)}, b = {F(bValue)}, c = {F(cValue)}");
        var a = Leaf("a", aValue);
        var b = Leaf("b", bValue);
        var c = Leaf("c", cValue);
        var u = Op.Multiply(b, c); u.Name = "u = bc";
        var v = Op.Add(a, u); v.Name = "v = a + u";
        var j = Op.Scale(v, 3.0); j.Name = "J = 3v";
        j.Backward();

        var graph = RecordedGraph.Walk(j);
        var nodes = graph.Nodes.ToDictionary(n => n.Label.Split(' ')[0], n => (n.Value, n.Gradient));
        foreach (var node in graph.Nodes)
            output.WriteLine($"  {node.Label,-10} value {F(node.Value),-6} dJ/d{node.Label.Split(' ')[0]} = {F(node.Gradient)}" +
                (node.Inputs.Count > 0 ? $"   (recorded from {string.Join(", ", node.Inputs.Select(i => graph.Nodes[i].Label.Split(' ')[0]))})" : ""));
        output.WriteLine();
        Claim(output, "at a = 5, b = 3, c = 2: J = 33; dJ/dv = 3, dJ/da = 3, dJ/du = 3, dJ/db = 6, dJ/dc = 9.",
            $"J = {F(nodes["J"].Value)}; dJ/dv = {F(nodes["v"].Gradient)}, dJ/da = {F(nodes["a"].Gradient)}, dJ/du = {F(nodes["u"].Gradient)}, " +
            $"dJ/db = {F(nodes["b"].Gradient)}, dJ/dc = {F(nodes["c"].Gradient)} ({graph.Nodes.Count} tensors, {graph.Nodes.Sum(n => n.Inputs.Count)} edges recorded).");
        var path = DemoOptions.OutputPath(outFolder, "computation-graph.svg");
        Backprop.Serialization.AtomicFile.WriteText(path, GraphSvg.Render(graph, "J = 3(a + bc): forward values (black), backward dJ/d· (red)"));
        Wrote(output, "the graph", path);
        return new Result(nodes, path);
    }

    private static Tensor<double> Leaf(string name, double value)
    {
        var t = Tensor<double>.Scalar(value);
        t.RequiresGrad = true;
        t.Name = name;
        return t;
    }
}
