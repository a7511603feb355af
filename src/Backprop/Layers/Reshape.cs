using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>(m, n) → (m, d₁, …, d_k) with Π d = n, row-major: e.g. flattened images (m, n_H·n_W·n_C) back to channels-last
/// (m, n_H, n_W, n_C), so a convolutional network reads the same feature rows as a dense one. No parameters.</summary>
public sealed class Reshape<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, ReshapeNode<T>> _nodes = new(() => new ReshapeNode<T>());
    private readonly int[] _shape;

    /// <summary>Each example's new shape (d₁, …, d_k).</summary>
    public Reshape(params int[] exampleShape)
    {
        if (exampleShape.Length == 0 || exampleShape.Any(d => d < 1))
            throw new ArgumentException($"A reshape needs positive sizes per example; got ({string.Join(", ", exampleShape)}).");
        _shape = (int[])exampleShape.Clone();
    }

    /// <summary>(d₁, …, d_k).</summary>
    public IReadOnlyList<int> ExampleShape => _shape;

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(input, _shape, "Reshape");

    public override string ToString() => $"Reshape({string.Join(", ", _shape)})";
}
