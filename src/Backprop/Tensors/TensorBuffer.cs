using System.Numerics;

namespace Backprop.Tensors;

/// <summary>Storage reused by an op from call to call: <see cref="Get"/> returns a tensor of the requested shape, the same
/// object as last time when the shape repeats (the full batch and the last, smaller batch of an epoch both stay cached),
/// so that a steady-state step allocates nothing. The contents are whatever the previous call left: callers overwrite.</summary>
public sealed class TensorBuffer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _storage = [];
    private Tensor<T>? _latest, _previous;

    /// <summary>A tensor of <paramref name="shape"/> backed by this buffer's storage.</summary>
    public Tensor<T> Get(params ReadOnlySpan<int> shape)
    {
        if (_latest is not null && _latest.Shape.SequenceEqual(shape)) return _latest;
        if (_previous is not null && _previous.Shape.SequenceEqual(shape))
        {
            (_latest, _previous) = (_previous, _latest);
            return _latest;
        }
        var dims = shape.ToArray();
        int length = ShapeMath.Product(ShapeMath.Validate(dims));
        if (length > _storage.Length) _storage = new T[length];
        _previous = _latest;
        _latest = new Tensor<T>(_storage, 0, dims);
        return _latest;
    }

    /// <summary>A tensor shaped like <paramref name="like"/>.</summary>
    public Tensor<T> Like(Tensor<T> like) => Get(like.Shape);
}
