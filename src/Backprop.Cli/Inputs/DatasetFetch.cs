using Backprop.Cli.Output;
using Backprop.Data;

namespace Backprop.Cli.Inputs;

/// <summary>A catalogued data set's files, downloaded into the cache first when missing (with a progress bar unless
/// quiet), each verified by sha256. <c>backprop datasets get</c> and <c>--data NAME</c> both come here.</summary>
public static class DatasetFetch
{
    /// <summary>The entry called <paramref name="name"/>, else a usage error listing the catalogue.</summary>
    public static DatasetEntry Entry(string name) => DatasetCatalog.Find(name)
        ?? throw CliException.Usage($"'{name}' is not a known data set; the catalogue has {string.Join(", ", DatasetCatalog.All.Select(e => e.Name))}.");

    /// <summary>The local paths of <paramref name="entry"/>'s files, in catalogue order.</summary>
    public static IReadOnlyList<string> Files(DatasetEntry entry, string? root, string? mirror, bool quiet, TextWriter err)
    {
        Uri? mirrorUri = null;
        if (mirror is not null && (!Uri.TryCreate(mirror.EndsWith('/') ? mirror : mirror + "/", UriKind.Absolute, out mirrorUri) || mirrorUri.Scheme is not ("http" or "https")))
            throw CliException.Usage($"--mirror '{mirror}' is not an http(s) address.");
        return DownloadDisplay.Run(quiet, err, mirrorUri, downloader => DatasetCache.Ensure(entry, root, downloader));
    }
}
