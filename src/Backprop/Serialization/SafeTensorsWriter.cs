using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>Writes the safetensors layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// (<c>{"__metadata__": {…}, "name": {"dtype", "shape", "data_offsets": [begin, end]}, …}</c>, padded with spaces to a
/// multiple of 8 so the data is aligned), then each tensor's little-endian bytes, contiguous and in the given order.
/// Saving is atomic: a crash or an exception leaves either the old file or the complete new one.</summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes the tensors and metadata to <paramref name="path"/> through a temporary file in the same folder
    /// (<c>.name.tmp-…</c>), flushed to disk and then renamed over the target. On any failure the temporary file is
    /// deleted and an existing file at <paramref name="path"/> is left untouched.</summary>
    public static void Save(string path, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        Save(path, tensors, metadata, beforeCommit: null);

    /// <summary><see cref="Save(string, IReadOnlyList{NamedTensor}, IReadOnlyDictionary{string, string}?)"/> with a hook
    /// that runs after everything is written and before the rename, so tests can fail a save midway.</summary>
    internal static void Save(string path, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata,
        Action<Stream>? beforeCommit)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = EncodeHeader(tensors, metadata);
        AtomicFile.WriteStream(path, stream =>
        {
            WriteBody(stream, header, tensors);
            beforeCommit?.Invoke(stream);
        });
    }

    /// <summary>Writes a whole safetensors document to <paramref name="stream"/> (not atomic: for memory and network streams).</summary>
    public static void Write(Stream stream, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        WriteBody(stream, EncodeHeader(tensors, metadata), tensors);

    private static void WriteBody(Stream stream, byte[] header, IReadOnlyList<NamedTensor> tensors)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var tensor in tensors) stream.Write(tensor.Data.Span);
    }

    /// <summary>The JSON header, space-padded to a multiple of 8 bytes. Checks names and metadata first.</summary>
    internal static byte[] EncodeHeader(IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (tensor.Name == "__metadata__") throw new ArgumentException("A tensor cannot be named __metadata__; the header reserves that key.", nameof(tensors));
            if (!names.Add(tensor.Name)) throw new ArgumentException($"Two tensors are named '{tensor.Name}'.", nameof(tensors));
        }
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps the header readable (no \u0022 for quotes inside nested JSON); it is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    ArgumentNullException.ThrowIfNull(value, $"metadata[{key}]");
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.Name);
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += tensor.Data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padding = (int)((8 - buffer.Length % 8) % 8);
        for (int i = 0; i < padding; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }
}
