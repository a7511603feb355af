using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;

namespace Backprop.Data;

/// <summary>A JPEG's EXIF orientation (tag 0x0112, read with MetadataExtractor), applied so the pixels stand as the camera
/// showed them: 1 as stored, 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 turned 90° clockwise, 7 transversed,
/// 8 turned 90° anticlockwise. Other formats, and a JPEG without a readable tag, are as stored.</summary>
internal static class ExifOrientation
{
    /// <summary>The upright pixels (interleaved, <paramref name="channels"/> per pixel) and their width and height.</summary>
    public static (byte[] Pixels, int Width, int Height) Upright(string path, byte[] pixels, int width, int height, int channels)
    {
        int orientation = Read(path);
        if (orientation is < 2 or > 8) return (pixels, width, height);
        bool swaps = orientation >= 5;
        int w = swaps ? height : width, h = swaps ? width : height;
        var upright = new byte[pixels.Length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var (sx, sy) = orientation switch
                {
                    2 => (width - 1 - x, y),
                    3 => (width - 1 - x, height - 1 - y),
                    4 => (x, height - 1 - y),
                    5 => (y, x),
                    6 => (y, height - 1 - x),
                    7 => (width - 1 - y, height - 1 - x),
                    _ => (width - 1 - y, x),
                };
                pixels.AsSpan((sy * width + sx) * channels, channels).CopyTo(upright.AsSpan((y * w + x) * channels, channels));
            }
        return (upright, w, h);
    }

    /// <summary>The orientation tag of a .jpg/.jpeg file, or 1 when there is none.</summary>
    public static int Read(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".jpg" or ".jpeg")) return 1;
        try
        {
            using var stream = File.OpenRead(path);
            var directories = JpegMetadataReader.ReadMetadata(stream, [new ExifReader()]);
            var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
            return ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out int value) ? value : 1;
        }
        catch (Exception e) when (e is ImageProcessingException or JpegProcessingException or IOException or MetadataException) { return 1; }
    }
}
