namespace Backprop.Data;

/// <summary>Where catalogued files are looked for and downloaded to. Looked for: under <see cref="DataPaths.Root"/>
/// (<c>BACKPROP_DATA</c>, else a <c>shared/data</c> folder above the current one), then in the download folder.
/// Downloaded to: <c>BACKPROP_DATA</c> when set, else <c>~/.backprop/datasets</c>.</summary>
public static class DatasetCache
{
    /// <summary>The folder downloads go to: <c>BACKPROP_DATA</c>, else <see cref="DataPaths.DefaultCache"/>.</summary>
    public static string DownloadRoot =>
        Environment.GetEnvironmentVariable(DataPaths.Variable) is { Length: > 0 } env ? Path.GetFullPath(env) : DataPaths.DefaultCache;

    /// <summary>The folders searched, in order: <paramref name="root"/> alone when given, else the data root and the download root.</summary>
    public static IReadOnlyList<string> SearchRoots(string? root) =>
        root is not null ? [Path.GetFullPath(root)] : new[] { DataPaths.Root, DownloadRoot }.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The path of <paramref name="file"/> where it already is (its size checked when known), or null.</summary>
    public static string? Locate(DatasetFile file, string? root = null)
    {
        foreach (var folder in SearchRoots(root))
            foreach (var relative in file.AlsoAt.Prepend(file.RelativePath))
            {
                var path = Path.Combine(folder, relative);
                if (File.Exists(path) && (file.Bytes == 0 || new FileInfo(path).Length == file.Bytes)) return path;
            }
        return null;
    }

    /// <summary>The full paths of the files of <paramref name="entry"/>, in catalogue order, downloading (and verifying)
    /// those that are missing into <paramref name="root"/> or <see cref="DownloadRoot"/>.</summary>
    /// <exception cref="FileNotFoundException">A file of a set with no public copy is missing; the message says where to put it.</exception>
    /// <exception cref="DatasetDownloadException">A download failed or did not verify.</exception>
    public static IReadOnlyList<string> Ensure(DatasetEntry entry, string? root = null, DatasetDownloader? downloader = null, CancellationToken cancellation = default)
    {
        var paths = new string[entry.Files.Count];
        for (int i = 0; i < paths.Length; i++)
        {
            var file = entry.Files[i];
            var found = Locate(file, root);
            if (found is not null) { paths[i] = found; continue; }
            var destination = Path.Combine(root ?? DownloadRoot, file.RelativePath);
            if (entry.Unavailable is not null)
                throw new FileNotFoundException($"{entry.Name}: {entry.Unavailable}; copy {string.Join(" and ", entry.Files.Select(f => f.Name))} into {Path.GetDirectoryName(destination)} to use it.", destination);
            (downloader ?? new DatasetDownloader()).Download(file, destination, cancellation);
            paths[i] = destination;
        }
        return paths;
    }
}
