namespace Backprop.Data;

/// <summary>Resizing that keeps the aspect ratio: the centred crop of the source with the target's aspect ratio (the
/// whole width or the whole height), sampled bilinearly with pixel centres aligned, each value rounded to a byte (halves away from zero, as Pillow does).</summary>
internal static class ImageResize
{
    /// <summary>destination (width × height × channels) ← the centre crop of source (sourceWidth × sourceHeight × channels).</summary>
    public static void CentreCropBilinear(byte[] source, int sourceWidth, int sourceHeight, int channels, int width, int height, Span<byte> destination)
    {
        // Crop: cropWidth / cropHeight = width / height, as large as the source allows.
        double cropWidth = sourceWidth, cropHeight = sourceHeight;
        if ((double)sourceWidth * height > (double)sourceHeight * width) cropWidth = (double)sourceHeight * width / height;
        else cropHeight = (double)sourceWidth * height / width;
        double left = (sourceWidth - cropWidth) / 2, top = (sourceHeight - cropHeight) / 2;
        for (int row = 0; row < height; row++)
        {
            double sy = Math.Clamp(top + (row + 0.5) * cropHeight / height - 0.5, 0, sourceHeight - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, sourceHeight - 1);
            double fy = sy - y0;
            for (int col = 0; col < width; col++)
            {
                double sx = Math.Clamp(left + (col + 0.5) * cropWidth / width - 0.5, 0, sourceWidth - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, sourceWidth - 1);
                double fx = sx - x0;
                for (int ch = 0; ch < channels; ch++)
                {
                    double upper = source[(y0 * sourceWidth + x0) * channels + ch] * (1 - fx) + source[(y0 * sourceWidth + x1) * channels + ch] * fx;
                    double lower = source[(y1 * sourceWidth + x0) * channels + ch] * (1 - fx) + source[(y1 * sourceWidth + x1) * channels + ch] * fx;
                    destination[(row * width + col) * channels + ch] = (byte)Math.Round(upper * (1 - fy) + lower * fy, MidpointRounding.AwayFromZero);
                }
            }
        }
    }
}
