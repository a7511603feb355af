using System.Numerics;

namespace Backprop.Autograd;

/// <summary>The nodes of one fused op inside a module, reused from step to step so that a steady-state step allocates
/// nothing: each node keeps its output and scratch buffers. A node is handed out again once the step that used it is over
/// (<see cref="Graph.Epoch"/> moved on) and its graph has been back-propagated; a module called twice in one step gets two
/// nodes. Beyond <see cref="Capacity"/> live nodes (graphs built and never back-propagated) fresh nodes are made and not kept.</summary>
public sealed class NodePool<T, TNode> where T : unmanaged, IFloatingPointIeee754<T> where TNode : GradNode<T>
{
    /// <summary>Nodes kept per op.</summary>
    public const int Capacity = 16;

    private readonly List<TNode> _nodes = [];
    private readonly Func<TNode> _create;

    public NodePool(Func<TNode> create) => _create = create;

    /// <summary>A node free to be overwritten in this step.</summary>
    public TNode Next()
    {
        int epoch = Graph.Epoch;
        foreach (var node in _nodes)
            if (node.LiveEpoch != epoch && !node.Pending)
            {
                node.LiveEpoch = epoch;
                return node;
            }
        var fresh = _create();
        fresh.LiveEpoch = epoch;
        if (_nodes.Count < Capacity) _nodes.Add(fresh);
        return fresh;
    }
}
