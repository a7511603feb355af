using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Images;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Random horizontal flip: in training each image is mirrored left–right with probability ½,
/// Y[n, i, j, c] = X[n, i, n_W − 1 − j, c] where u_n &lt; ½ (u_n uniform, one draw per example), else Y[n] = X[n];
/// in evaluation Y = X. Backward: the same mirror of dY. Seeded as every <see cref="Augmentation{T}"/>.</summary>
public sealed class RandomFlip<T>(uint seed = 0) : Augmentation<T>(seed) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, HorizontalFlipNode<T>> _nodes = new(() => new HorizontalFlipNode<T>());
    private bool[] _flip = [];

    protected override Tensor<T> Augment(Tensor<T> images, NumpyRandom random)
    {
        int m = images.Dim(0);
        if (_flip.Length < m) _flip = new bool[m];
        for (int n = 0; n < m; n++) _flip[n] = random.NextDouble() < 0.5;
        return _nodes.Next().Forward(images, _flip.AsSpan(0, m));
    }

    public override string ToString() => "RandomFlip(horizontal)";
}
