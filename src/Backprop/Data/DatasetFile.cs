namespace Backprop.Data;

/// <summary>One file of a catalogued data set: where it lives in the cache (<see cref="RelativePath"/>, '/'-separated),
/// its public addresses tried in order, its size in bytes and its sha256 (lower-case hex). A file with no addresses
/// cannot be downloaded; it must be copied into the cache by hand.</summary>
public sealed record DatasetFile(string RelativePath, long Bytes, string Sha256, IReadOnlyList<string> Urls)
{
    /// <summary>Other places under the data root where the same file may already sit (for example the shared data's
    /// <c>course45/dinos.txt</c>); looked at before downloading.</summary>
    public IReadOnlyList<string> AlsoAt { get; init; } = [];

    /// <summary>The file's name, the last part of <see cref="RelativePath"/>.</summary>
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];
}
