namespace Backprop.Serialization;

/// <summary>The one way Backprop writes a file: into a temporary file beside the target (<c>.name.tmp-…</c>), flushed,
/// then renamed over the target. A crash or an exception leaves either the old file or the complete new one, never half
/// of one, and the temporary file is removed.</summary>
public static class AtomicFile
{
    /// <summary>Runs <paramref name="writeTemporary"/> on a temporary path (for writers that take a file name, such as a
    /// plotting library), then moves the finished file over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> writeTemporary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"The folder '{folder}' of '{path}' does not exist.");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}{Path.GetExtension(target)}");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            try { if (File.Exists(temporary)) File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Writes <paramref name="path"/> from a stream, flushed to disk before the rename.</summary>
    public static void WriteStream(string path, Action<Stream> write) =>
        Write(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>.</summary>
    public static void WriteText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));
}
