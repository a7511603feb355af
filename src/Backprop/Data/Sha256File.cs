using System.Security.Cryptography;

namespace Backprop.Data;

/// <summary>The sha256 of a file as lower-case hex, as <c>sha256sum</c> prints it.</summary>
public static class Sha256File
{
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
