namespace Backprop.Data;

/// <summary>The content of an IDX image file: <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> bytes,
/// one after another in row-major order (pixel (i, r, c) at i·Rows·Columns + r·Columns + c).</summary>
public sealed record IdxImages(byte[] Pixels, int Count, int Rows, int Columns)
{
    /// <summary>Bytes per image, Rows · Columns.</summary>
    public int PixelsPerImage => Rows * Columns;
}
