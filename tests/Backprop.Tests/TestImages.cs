using System.Buffers.Binary;

namespace Backprop.Tests;

/// <summary>Small uncompressed 24-bit BMP files written in memory, for image-folder tests.</summary>
internal static class TestImages
{
    /// <summary>A width × height BMP whose byte at (row, col, channel) is <paramref name="pixel"/>(row, col, channel)
    /// (rows stored bottom-up and channels as BGR, as the format lays them out).</summary>
    public static byte[] Bmp(int width, int height, Func<int, int, int, byte> pixel)
    {
        int stride = (width * 3 + 3) / 4 * 4, size = 54 + stride * height;
        var b = new byte[size];
        b[0] = (byte)'B';
        b[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(2), size);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(34), stride * height);
        for (int row = 0; row < height; row++)
            for (int col = 0; col < width; col++)
                for (int ch = 0; ch < 3; ch++)
                    b[54 + row * stride + col * 3 + ch] = pixel(row, col, ch);
        return b;
    }
}
