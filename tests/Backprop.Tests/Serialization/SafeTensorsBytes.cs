using System.Buffers.Binary;
using System.Text;

namespace Backprop.Tests.Serialization;

/// <summary>Builds safetensors bytes by hand (length prefix, JSON, data) so tests can write files no writer would,
/// and reads the layout back by hand, independently of the library's reader.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>8-byte little-endian length of <paramref name="json"/>, the JSON, then <paramref name="dataBytes"/> zero bytes.</summary>
    public static byte[] Craft(string json, int dataBytes)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Bytes with the length prefix replaced by <paramref name="length"/>.</summary>
    public static byte[] WithHeaderLength(byte[] bytes, ulong length)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
        return copy;
    }

    public static ulong HeaderLength(byte[] bytes) => BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    public static string HeaderText(byte[] bytes) => Encoding.UTF8.GetString(bytes, 8, (int)HeaderLength(bytes));

    /// <summary>A valid two-tensor F32 file: "a" (2, 3) then "b" (3,), 36 bytes of data.</summary>
    public static string ValidJson(string metadata = """{"k":"v"}""") =>
        "{\"__metadata__\":" + metadata + ""","a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[3],"data_offsets":[24,36]}}""";
}
