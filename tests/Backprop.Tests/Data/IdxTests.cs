using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The IDX reader on small files written here: the happy path and every malformed case, each naming the file.</summary>
public sealed class IdxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bp-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Header(params int[] fields)
    {
        var bytes = new byte[4 * fields.Length];
        for (int i = 0; i < fields.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), fields[i]);
        return bytes;
    }

    private string Write(string name, byte[] content, bool gzip = true)
    {
        var path = Path.Combine(_folder, name);
        using var file = File.Create(path);
        if (!gzip) { file.Write(content); return path; }
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(content);
        return path;
    }

    private string Images(int count, int rows = 2, int columns = 3, int extra = 0) =>
        Write("images.gz", [.. Header(Idx.ImagesMagic, count, rows, columns), .. Enumerable.Range(0, count * rows * columns + extra).Select(i => (byte)(i * 17))]);

    private string Labels(params byte[] labels) => Write("labels.gz", [.. Header(Idx.LabelsMagic, labels.Length), .. labels]);

    [Fact]
    public void Images_and_labels_become_pixels_over_255_and_class_indices()
    {
        var data = Idx.Load<double>(Images(2), Labels(3, 1), ["0", "1", "2", "3"]);
        Assert.Equal([2, 6], data.X.Shape.ToArray());
        Assert.Equal([2], data.Y.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (byte)(i * 17) / 255.0), data.X.ToArray());
        Assert.Equal([3.0, 1.0], data.Y.ToArray());
    }

    [Fact]
    public void Uncompressed_files_are_read_too()
    {
        var path = Write("raw-images", [.. Header(Idx.ImagesMagic, 1, 1, 2), 0, 255], gzip: false);
        Assert.Equal([0, 255], Idx.ReadImages(path).Pixels);
    }

    [Fact]
    public void A_label_file_given_as_images_is_named_for_what_it_is()
    {
        var e = Assert.Throws<DataFormatException>(() => Idx.ReadImages(Labels(1, 2)));
        Assert.Contains("labels.gz", e.Message);
        Assert.Contains("2051", e.Message);
        Assert.Contains("a label file (magic 2049)", e.Message);
    }

    [Fact]
    public void Truncated_and_overlong_files_are_rejected()
    {
        var shortFile = Write("short.gz", [.. Header(Idx.ImagesMagic, 3, 2, 2), 1, 2, 3]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => Idx.ReadImages(shortFile)).Message);
        var headerOnly = Write("header.gz", Header(Idx.LabelsMagic));
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => Idx.ReadLabels(headerOnly)).Message);
        Assert.Contains("data after", Assert.Throws<DataFormatException>(() => Idx.ReadImages(Images(1, extra: 5))).Message);
    }

    [Fact]
    public void Counts_that_disagree_and_labels_out_of_range_are_rejected()
    {
        var e = Assert.Throws<DataFormatException>(() => Idx.Load<float>(Images(3), Labels(1, 2)));
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("3 images", e.Message);
        Assert.Contains("outside 0..1", Assert.Throws<DataFormatException>(() => Idx.Load<float>(Images(2), Labels(0, 7), ["a", "b"])).Message);
        var zeroRows = Write("zero.gz", Header(Idx.ImagesMagic, 1, 0, 28));
        Assert.Contains("row count is 0", Assert.Throws<DataFormatException>(() => Idx.ReadImages(zeroRows)).Message);
    }

    [Fact]
    public void A_gz_name_on_a_file_that_is_not_gzip_says_so()
    {
        var path = Write("fake.gz", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], gzip: false);
        var e = Assert.Throws<DataFormatException>(() => Idx.ReadImages(path));
        Assert.Contains("fake.gz", e.Message);
        Assert.Contains("gzip", e.Message);
        Assert.Throws<FileNotFoundException>(() => Idx.ReadLabels(Path.Combine(_folder, "none.gz")));
    }
}
