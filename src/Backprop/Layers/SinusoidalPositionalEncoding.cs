using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Attention;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>The fixed positional encoding of "Attention is all you need" added to each position: y[n, t, :] = x[n, t, :] + PE[t, :]
/// with PE[t, 2i] = sin(t / 10000^(2i/d)) and PE[t, 2i+1] = cos(t / 10000^(2i/d)), for x (m, T, d), T ≤ <see cref="Positions"/>.
/// Nothing is trained (the table is a constant, rebuilt from its two sizes), so dx = dy.</summary>
public sealed class SinusoidalPositionalEncoding<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The base of the wavelengths, 10000 in the paper.</summary>
    public const double WavelengthBase = 10000;

    private readonly NodePool<T, PositionalAddNode<T>> _nodes = new(() => new PositionalAddNode<T>());
    private readonly Tensor<T> _table;

    /// <summary>The encoding of sequences of up to <paramref name="positions"/> steps of <paramref name="width"/> features.</summary>
    public SinusoidalPositionalEncoding(int positions, int width)
    {
        if (positions <= 0) throw new ArgumentOutOfRangeException(nameof(positions), positions, "A positional encoding needs at least one position.");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "A positional encoding needs vectors of at least one value.");
        _table = Tensor<T>.Zeros(positions, width);
        var s = _table.AsSpan();
        for (int t = 0; t < positions; t++)
            for (int j = 0; j < width; j++)
            {
                double angle = t / Math.Pow(WavelengthBase, 2 * (j / 2) / (double)width);
                s[t * width + j] = T.CreateChecked(j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
    }

    /// <summary>PE, shape (T_max, d): a copy.</summary>
    public Tensor<T> Table => _table.Clone();

    /// <summary>T_max, the longest sequence covered.</summary>
    public int Positions => _table.Dim(0);

    /// <summary>d, the width of each vector.</summary>
    public int Width => _table.Dim(1);

    public override Tensor<T> Forward(Tensor<T> input) => _nodes.Next().Forward(input, _table);

    public override string ToString() => $"SinusoidalPositionalEncoding({Positions} × {Width})";
}
