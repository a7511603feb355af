using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Backprop.Tests.Cli;

/// <summary>Hand-damaged copies of a model file (safetensors: 8-byte header length, header JSON, tensor data).</summary>
public static class CliModelBytes
{
    /// <summary>The header JSON of a model file.</summary>
    public static JsonObject Header(byte[] file)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return JsonNode.Parse(Encoding.UTF8.GetString(file, 8, length))!.AsObject();
    }

    /// <summary>A copy of a model file with its header JSON changed by <paramref name="edit"/> (the tensor data kept).</summary>
    public static byte[] WithHeader(byte[] file, Action<JsonObject> edit)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var header = Header(file);
        edit(header);
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var result = new byte[8 + json.Length + file.Length - 8 - length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)json.Length);
        json.CopyTo(result, 8);
        file.AsSpan(8 + length).CopyTo(result.AsSpan(8 + json.Length));
        return result;
    }

    /// <summary>A copy of a model file with one metadata value replaced.</summary>
    public static byte[] WithMetadata(byte[] file, string key, string value) =>
        WithHeader(file, header => header["__metadata__"]![key] = value);
}
