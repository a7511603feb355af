using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>Reads IDX files (MNIST's format), gzip-compressed when the name ends in <c>.gz</c>. Header integers are
/// big-endian: images are magic 2051 (0x00000803), count, rows, columns, then count·rows·columns bytes; labels are magic
/// 2049 (0x00000801), count, then count bytes.</summary>
public static class Idx
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    /// <summary>All images of an IDX3 file.</summary>
    public static IdxImages ReadImages(string path)
    {
        using var stream = Open(path);
        Span<byte> header = stackalloc byte[16];
        ReadHeader(stream, path, header, ImagesMagic);
        int count = Field(header, 4, path, "image count", allowZero: true), rows = Field(header, 8, path, "row count"), columns = Field(header, 12, path, "column count");
        long size = (long)count * rows * columns;
        if (size > Array.MaxLength)
            throw new DataFormatException(path, $"the header announces {count} images of {rows}×{columns} = {size} bytes, more than one array can hold");
        var pixels = new byte[size];
        ReadBody(stream, path, pixels, $"{count} images of {rows}×{columns}");
        return new IdxImages(pixels, count, rows, columns);
    }

    /// <summary>All labels of an IDX1 file.</summary>
    public static byte[] ReadLabels(string path)
    {
        using var stream = Open(path);
        Span<byte> header = stackalloc byte[8];
        ReadHeader(stream, path, header, LabelsMagic);
        var labels = new byte[Field(header, 4, path, "label count", allowZero: true)];
        ReadBody(stream, path, labels, $"{labels.Length} labels");
        return labels;
    }

    /// <summary>A dataset from an image file and its label file: X [m × rows·columns] = pixel / 255, Y [m] = label
    /// (a class index). Labels must be below the number of <paramref name="classNames"/> when given.</summary>
    public static Dataset<T> Load<T>(string imagesPath, string labelsPath, IReadOnlyList<string>? classNames = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != images.Count)
            throw new DataFormatException(labelsPath, $"has {labels.Length} labels but '{Path.GetFileName(imagesPath)}' has {images.Count} images");
        if (classNames is not null)
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] >= classNames.Count)
                    throw new DataFormatException(labelsPath, $"label {labels[i]} of example {i} is outside 0..{classNames.Count - 1}");

        var x = Tensor<T>.Zeros(images.Count, images.PixelsPerImage);
        var xs = x.AsSpan();
        // A table of the 256 possible values: one division each instead of one per pixel.
        Span<T> scaled = stackalloc T[256];
        for (int v = 0; v < 256; v++) scaled[v] = T.CreateChecked(v) / T.CreateChecked(255);
        var pixels = images.Pixels;
        for (int i = 0; i < xs.Length; i++) xs[i] = scaled[pixels[i]];
        var y = Tensor<T>.Zeros(labels.Length);
        var ys = y.AsSpan();
        for (int i = 0; i < labels.Length; i++) ys[i] = T.CreateChecked(labels[i]);
        return new Dataset<T>(x, y, classNames);
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file '{path}' not found.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static void ReadHeader(Stream stream, string path, Span<byte> header, int expectedMagic)
    {
        // The magic number first, so that a file of the other kind is named as such rather than as short.
        Fill(stream, path, header[..4], "the header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic == expectedMagic)
        {
            Fill(stream, path, header[4..], "the header");
            return;
        }
        string kind = expectedMagic == ImagesMagic ? "an image file" : "a label file";
        string found = magic switch
        {
            ImagesMagic => "an image file (magic 2051)",
            LabelsMagic => "a label file (magic 2049)",
            _ => $"magic number {magic} (0x{magic:X8})",
        };
        throw new DataFormatException(path, $"expected {kind} (magic {expectedMagic}) but found {found}; is this an IDX file, and is it the right one?");
    }

    private static int Field(ReadOnlySpan<byte> header, int offset, string path, string what, bool allowZero = false)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(header[offset..]);
        if (value < 0 || (value == 0 && !allowZero))
            throw new DataFormatException(path, $"the header's {what} is {value}");
        return value;
    }

    private static void ReadBody(Stream stream, string path, Span<byte> body, string what)
    {
        Fill(stream, path, body, what);
        Span<byte> extra = stackalloc byte[1];
        if (Read(stream, path, extra) != 0)
            throw new DataFormatException(path, $"has data after the {what} its header announces");
    }

    private static void Fill(Stream stream, string path, Span<byte> destination, string what)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = Read(stream, path, destination[total..]);
            if (n == 0) throw new DataFormatException(path, $"ends after {total} of the {destination.Length} bytes of {what}: the file is truncated");
            total += n;
        }
    }

    private static int Read(Stream stream, string path, Span<byte> destination)
    {
        try { return stream.Read(destination); }
        catch (InvalidDataException e) { throw new DataFormatException(path, $"is not a valid gzip file ({e.Message})"); }
    }
}
