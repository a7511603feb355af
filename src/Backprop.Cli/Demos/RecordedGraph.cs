using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Cli.Demos;

/// <summary>The graph autograd recorded behind an output tensor, found by walking <see cref="Graph.ProducerOf{T}"/> and
/// <see cref="GradNode{T}.Inputs"/> from the output to the leaves. Nodes are in topological order (inputs first); the
/// output's own gradient, dJ/dJ = 1, is reported as 1 when the engine keeps none.</summary>
public sealed class RecordedGraph
{
    public required IReadOnlyList<GraphNode> Nodes { get; init; }

    public static RecordedGraph Walk<T>(Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var index = new Dictionary<Tensor<T>, int>(ReferenceEqualityComparer.Instance);
        var nodes = new List<GraphNode>();
        Visit(output);
        return new RecordedGraph { Nodes = nodes };

        int Visit(Tensor<T> t)
        {
            if (index.TryGetValue(t, out int known)) return known;
            var inputs = Graph.ProducerOf(t) is { } producer
                ? producer.Inputs.OfType<Tensor<T>>().Select(Visit).ToList()
                : [];
            int depth = inputs.Count == 0 ? 0 : 1 + inputs.Max(i => nodes[i].Depth);
            double gradient = t.Grad is { } g ? double.CreateChecked(g.AsReadOnlySpan()[0]) : ReferenceEquals(t, output) ? 1 : 0;
            nodes.Add(new GraphNode(t.Name ?? $"t{nodes.Count}", double.CreateChecked(t.AsReadOnlySpan()[0]), gradient, inputs, depth));
            index[t] = nodes.Count - 1;
            return nodes.Count - 1;
        }
    }
}
