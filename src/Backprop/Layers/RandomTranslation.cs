using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Images;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Random shift with zero fill (a random crop of the zero-padded image): in training each image moves by
/// s_y ∈ {−k_H, …, k_H} rows and s_x ∈ {−k_W, …, k_W} columns, uniform and drawn per example (s_y, then s_x), with
/// k = ⌊fraction · side⌋: Y[n, i, j, c] = X[n, i − s_y, j − s_x, c], 0 where that pixel is outside; in evaluation Y = X.
/// Backward: dY shifted back, dX[n, i, j, c] = dY[n, i + s_y, j + s_x, c]. Seeded as every <see cref="Augmentation{T}"/>.</summary>
public sealed class RandomTranslation<T> : Augmentation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, TranslationNode<T>> _nodes = new(() => new TranslationNode<T>());
    private int[] _shiftY = [], _shiftX = [];

    /// <summary>Shifts of up to <paramref name="fraction"/> of the height and of the width, in [0, 1).</summary>
    public RandomTranslation(double fraction, uint seed = 0) : base(seed) =>
        Fraction = fraction is >= 0 and < 1 ? fraction : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The shift fraction must be in [0, 1).");

    /// <summary>The largest shift as a fraction of the side.</summary>
    public double Fraction { get; }

    protected override Tensor<T> Augment(Tensor<T> images, NumpyRandom random)
    {
        int m = images.Dim(0), kh = (int)(Fraction * images.Dim(1)), kw = (int)(Fraction * images.Dim(2));
        if (_shiftY.Length < m) (_shiftY, _shiftX) = (new int[m], new int[m]);
        for (int n = 0; n < m; n++)
        {
            _shiftY[n] = (int)random.NextInterval((uint)(2 * kh)) - kh;
            _shiftX[n] = (int)random.NextInterval((uint)(2 * kw)) - kw;
        }
        return _nodes.Next().Forward(images, _shiftY.AsSpan(0, m), _shiftX.AsSpan(0, m));
    }

    public override string ToString() => $"RandomTranslation({Fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}
