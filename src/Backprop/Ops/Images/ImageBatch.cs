using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops.Images;

/// <summary>Checks shared by the augmentation ops: a channels-last batch (m, n_H, n_W, n_C) and one value per example.</summary>
internal static class ImageBatch
{
    /// <summary>(m, n_H, n_W, n_C) of <paramref name="x"/>; throws naming <paramref name="op"/> for any other rank.</summary>
    public static (int M, int H, int W, int C) Shape<T>(Tensor<T> x, string op) where T : unmanaged, IFloatingPointIeee754<T> =>
        x.Rank == 4 ? (x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3))
        : throw new ArgumentException($"{op} expects channels-last images (m, n_H, n_W, n_C); got shape {ShapeMath.Format(x.Shape)}.");

    /// <summary>Copies one value per example into <paramref name="store"/> (grown only when a batch is larger than any before,
    /// so a steady-state step allocates nothing); throws when the count is not m.</summary>
    public static void Keep<TValue>(ReadOnlySpan<TValue> values, int m, ref TValue[] store, string op, string what)
    {
        if (values.Length != m) throw new ArgumentException($"{op} needs one {what} per example: {m} examples but {values.Length} values.");
        if (store.Length < m) store = new TValue[m];
        values.CopyTo(store);
    }
}
