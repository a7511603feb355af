using System.Numerics;

namespace Backprop.Ops.Convolution;

/// <summary>The scratch of one <see cref="Conv2DNode{T}"/>'s <see cref="Kernels.DirectConv"/> passes, grown to the largest
/// size asked for and reused from step to step: x̃ (kept from forward to backward), the packed weights and bias, dZ with
/// padded rows, the dW partials, the transposed (or flipped and packed) weights, dx̃ (or the padded dZ of the transposed
/// convolution) and a sum for gradients that add.</summary>
internal sealed class DirectConvBuffers<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _padded = [], _packed = [], _packedBias = [], _paddedDz = [], _partials = [], _transposed = [], _paddedDx = [], _flipped = [], _transposedBias = [], _sum = [];

    public Span<T> Padded(long length) => Grow(ref _padded, length);
    public Span<T> Packed(long length) => Grow(ref _packed, length);
    public Span<T> PackedBias(long length) => Grow(ref _packedBias, length);
    public Span<T> PaddedDz(long length) => Grow(ref _paddedDz, length);
    public Span<T> Partials(long length) => Grow(ref _partials, length);
    public Span<T> Transposed(long length) => Grow(ref _transposed, length);
    public Span<T> PaddedDx(long length) => Grow(ref _paddedDx, length);
    public Span<T> Flipped(long length) => Grow(ref _flipped, length);
    public Span<T> TransposedBias(long length) => Grow(ref _transposedBias, length);
    public Span<T> Sum(long length) => Grow(ref _sum, length);

    private static Span<T> Grow(ref T[] buffer, long length)
    {
        if (length > Array.MaxLength) throw new ArgumentException($"A convolution needs a scratch buffer of {length} values, more than an array holds; use smaller batches.");
        if (buffer.Length < length) buffer = new T[length];
        return buffer.AsSpan(0, (int)length);
    }
}
