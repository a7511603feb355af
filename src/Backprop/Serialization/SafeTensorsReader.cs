using System.Buffers.Binary;

namespace Backprop.Serialization;

/// <summary>Reads the safetensors layout — an 8-byte little-endian header length N, N bytes of UTF-8 JSON, then the
/// raw tensor bytes — checking every length and offset before it reads or allocates anything the header asks for.
/// Every problem with the file, including failing to open or read it, is a <see cref="ModelFileException"/>.</summary>
public static class SafeTensorsReader
{
    /// <summary>The largest header accepted (100 MB): far above any real model's, far below what would hurt to allocate.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The header and every tensor of the file at <paramref name="path"/>.</summary>
    public static SafeTensorsFile Load(string path) => WithFile(path, stream => Read(stream, path));

    /// <summary>The validated header alone (metadata, names, shapes, offsets); the tensor data is not read.</summary>
    public static SafeTensorsHeader ReadHeader(string path) => WithFile(path, stream => ReadHeader(stream, path));

    /// <summary>Reads a whole safetensors document from the current position of a seekable stream to its end.
    /// <paramref name="source"/> names it in error messages.</summary>
    public static SafeTensorsFile Read(Stream stream, string source)
    {
        var header = ReadHeader(stream, source);
        if (header.DataLength > Array.MaxLength)
            throw new ModelFileException(source, $"the tensor data ({header.DataLength} bytes) is larger than Backprop can load");
        var data = new byte[header.DataLength];
        ReadExactly(stream, data, source);
        var tensors = header.Tensors
            .Select(e => new NamedTensor(e.Name, e.DType, e.Shape.ToArray(), data.AsMemory((int)e.Begin, (int)e.ByteLength)))
            .ToList();
        return new SafeTensorsFile(header, tensors);
    }

    /// <summary>Reads and validates the header from the current position of a seekable stream, leaving the stream at
    /// the start of the data section. The stream's length must be the document's end.</summary>
    public static SafeTensorsHeader ReadHeader(Stream stream, string source)
    {
        long available = stream.Length - stream.Position;
        if (available < 8)
            throw new ModelFileException(source, $"too short to be a model file: {available} bytes, but a safetensors file starts with an 8-byte header length");
        var prefix = new byte[8];
        ReadExactly(stream, prefix, source);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length == 0)
            throw new ModelFileException(source, "the header length is 0; a safetensors file needs at least '{}'");
        if (length > MaxHeaderLength)
            throw new ModelFileException(source, $"the header length says {length} bytes, over the {MaxHeaderLength / 1_000_000} MB limit; this is not a model file or it is corrupt");
        if ((long)length > available - 8)
            throw new ModelFileException(source, $"truncated: the header length says {length} bytes, but only {available - 8} bytes follow it");
        var json = new byte[length];
        ReadExactly(stream, json, source);
        return SafeTensorsHeaderParser.Parse(json, available - 8 - (long)length, source);
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string source)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFileException(source, "truncated: the file ended while it was being read (was it changed meanwhile?)", e);
        }
        catch (IOException e)
        {
            throw new ModelFileException(source, $"cannot read: {e.Message}", e);
        }
    }

    private static TResult WithFile<TResult>(string path, Func<Stream, TResult> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFileException(path, "file not found", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModelFileException(path, "permission denied (or it is a folder, not a file)", e);
        }
        catch (IOException e)
        {
            throw new ModelFileException(path, $"cannot open: {e.Message}", e);
        }
        using (stream) return read(stream);
    }
}
