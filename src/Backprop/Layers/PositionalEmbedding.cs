using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Ops.Attention;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A learned position vector added to each position of a sequence: y[n, t, :] = x[n, t, :] + P[t, :] for
/// x (m, T, d), T ≤ the table's <see cref="Positions"/> (GPT-2's wpe). The table P (T_max, d) is a weight,
/// Xavier-initialised. Backward: dx = dy, dP[t, :] = Σₙ dy[n, t, :] (<see cref="PositionalAddNode{T}"/>).</summary>
public sealed class PositionalEmbedding<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, PositionalAddNode<T>> _nodes = new(() => new PositionalAddNode<T>());

    /// <summary>A table for sequences of up to <paramref name="positions"/> steps of <paramref name="width"/> features.</summary>
    public PositionalEmbedding(int positions, int width)
    {
        if (positions <= 0) throw new ArgumentOutOfRangeException(nameof(positions), positions, "A positional embedding needs at least one position.");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "A positional embedding needs vectors of at least one value.");
        Weight = new Parameter<T>("P", Tensor<T>.Zeros(positions, width), ParameterRole.Weight, new FanSizes(positions, width));
        DefaultInitialization.Apply(Weight);
    }

    /// <summary>P, shape (T_max, d).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>T_max, the longest sequence the table covers.</summary>
    public int Positions => Weight.Value.Dim(0);

    /// <summary>d, the width of each vector.</summary>
    public int Width => Weight.Value.Dim(1);

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(input, Weight.Value);

    public override string ToString() => $"PositionalEmbedding({Positions} × {Width})";
}
