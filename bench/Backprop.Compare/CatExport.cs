using Backprop.Data;

namespace Backprop.Compare;

/// <summary>Writes the cat data set as NumPy .npy files (float64, x = byte / 255 as Backprop loads it), so the Python peers
/// read exactly our inputs without needing h5py: cats_{train,test}_{x,y}.npy.</summary>
internal static class CatExport
{
    public static void Write(string folder, string? dataRoot)
    {
        var (train, test) = CatVsNonCat.Load<double>(dataRoot);
        Directory.CreateDirectory(folder);
        NpyFile.Write(Path.Combine(folder, "cats_train_x.npy"), train.X.AsReadOnlySpan(), train.X.Shape);
        NpyFile.Write(Path.Combine(folder, "cats_train_y.npy"), train.Y.AsReadOnlySpan(), train.Y.Shape);
        NpyFile.Write(Path.Combine(folder, "cats_test_x.npy"), test.X.AsReadOnlySpan(), test.X.Shape);
        NpyFile.Write(Path.Combine(folder, "cats_test_y.npy"), test.Y.AsReadOnlySpan(), test.Y.Shape);
    }
}

/// <summary>The .npy format, version 1.0: magic "\x93NUMPY", version 1.0, a little-endian uint16 header length, an ASCII
/// dict header padded with spaces to a multiple of 64 bytes and ended by '\n', then the raw C-order data.</summary>
internal static class NpyFile
{
    public static void Write(string path, ReadOnlySpan<double> data, ReadOnlySpan<int> shape)
    {
        var dims = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.ToArray()) + ")";
        var header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {dims}, }}";
        int unpadded = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - unpadded % 64) % 64) + "\n";
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write((byte)0x93);
        writer.Write("NUMPY"u8);
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write(checked((ushort)header.Length));
        writer.Write(System.Text.Encoding.ASCII.GetBytes(header));
        foreach (var v in data) writer.Write(v); // BinaryWriter is little-endian on every platform
    }
}
