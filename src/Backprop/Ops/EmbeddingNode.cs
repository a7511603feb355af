using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>The embedding lookup Y[…, :] = E[id(…), :] for a tensor of token ids of any shape (stored as whole numbers
/// in T) and a table E (V, d): Y has the ids' shape plus a last axis of d. Backward: dE[v, :] = Σ over positions holding
/// id v of dY[…, :] (a scatter-add); ids get no gradient. The same as a one-hot X times E, without the V-wide zeros.</summary>
public sealed class EmbeddingNode<T> : GradNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorBuffer<T> _output = new();
    private int[] _ids = [];
    private int _count;

    public EmbeddingNode() : base(1) { }

    /// <summary>Looks up every id of <paramref name="ids"/> in <paramref name="table"/>.</summary>
    public Tensor<T> Forward(Tensor<T> ids, Tensor<T> table)
    {
        int vocabulary = table.Dim(0), width = table.Dim(1);
        _count = ids.Length;
        if (_ids.Length < _count) _ids = new int[_count];
        var source = ids.AsReadOnlySpan();
        for (int i = 0; i < _count; i++)
        {
            T value = source[i];
            int id = int.CreateSaturating(value);
            if (T.CreateChecked(id) != value || id < 0 || id >= vocabulary)
                throw new ArgumentException($"Token ids must be whole numbers from 0 to {vocabulary - 1}; found {value} at position {i}.");
            _ids[i] = id;
        }
        Span<int> shape = stackalloc int[ids.Rank + 1];
        ids.Shape.CopyTo(shape);
        shape[^1] = width;
        var y = _output.Get(shape);
        var e = table.AsReadOnlySpan();
        var ys = y.AsSpan();
        for (int i = 0; i < _count; i++) e.Slice(_ids[i] * width, width).CopyTo(ys.Slice(i * width, width));
        Inputs[0] = table;
        return Graph.Record(y, this);
    }

    public override void Backward(Tensor<T> dy)
    {
        var table = Inputs[0]!;
        if (Graph.GradientTarget(table, out bool add) is not { } de) return;
        int width = table.Dim(1);
        var g = dy.AsReadOnlySpan();
        var d = de.AsSpan();
        if (!add) d.Clear();
        for (int i = 0; i < _count; i++) Reductions.AddInto(g.Slice(i * width, width), d.Slice(_ids[i] * width, width));
    }
}
