namespace Backprop.Tests.Data;

/// <summary>A temporary folder for a test's own small files, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("bp-data-").FullName;

    /// <summary>Writes <paramref name="text"/> exactly as given (no newline translation) and returns the full path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
