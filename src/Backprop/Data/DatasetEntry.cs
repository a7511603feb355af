namespace Backprop.Data;

/// <summary>One data set of the catalogue: its name (as typed on the command line), what it holds, where its data
/// comes from and under which licence, and its files. A generated data set (the planar flower) has no files.</summary>
public sealed record DatasetEntry(string Name, string Description, string Source, string License, IReadOnlyList<DatasetFile> Files)
{
    /// <summary>True when the data is computed in code and never downloaded.</summary>
    public bool Generated => Files.Count == 0;

    /// <summary>Why the data cannot be downloaded (no usable public copy), or null when it can. Such a set lists its files
    /// with no addresses and no checksum: copied into the cache by hand, they are used as they are.</summary>
    public string? Unavailable { get; init; }

    /// <summary>The folder that holds the files in the cache (the first part of each relative path), or null.</summary>
    public string? Folder => Files.Count == 0 ? null : Files[0].RelativePath.Split('/')[0];

    /// <summary>Σ bytes of the files.</summary>
    public long Bytes => Files.Sum(f => f.Bytes);
}
