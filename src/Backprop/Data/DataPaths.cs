namespace Backprop.Data;

/// <summary>Where well-known data sets live: the folder named by <c>BACKPROP_DATA</c>; else a <c>shared/data</c> folder in
/// the current directory or any directory above it (so <c>../shared/data</c> in the course setup); else the cache
/// <c>~/.backprop/datasets</c>.</summary>
public static class DataPaths
{
    /// <summary>The environment variable that names the data root.</summary>
    public const string Variable = "BACKPROP_DATA";

    /// <summary>The data root for this process (see the type's summary); it may not exist yet if it is the cache.</summary>
    public static string Root => Resolve(Environment.GetEnvironmentVariable(Variable), Directory.GetCurrentDirectory(), DefaultCache);

    /// <summary>The cache folder used when nothing else is found: <c>~/.backprop/datasets</c>.</summary>
    public static string DefaultCache =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".backprop", "datasets");

    /// <summary>The full path of <paramref name="relativePath"/> (a file or folder, e.g. <c>mnist</c> or
    /// <c>catvnoncat/train_catvnoncat.h5</c>) under <paramref name="root"/>, or under <see cref="Root"/> when null.</summary>
    /// <exception cref="FileNotFoundException">It does not exist; the message says where it looked and how to set BACKPROP_DATA.</exception>
    public static string Find(string relativePath, string? root = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        var folder = root ?? Root;
        var path = Path.GetFullPath(Path.Combine(folder, relativePath));
        if (File.Exists(path) || Directory.Exists(path)) return path;
        var env = Environment.GetEnvironmentVariable(Variable);
        var where = root is not null ? $"under '{folder}'"
            : !string.IsNullOrEmpty(env) ? $"under '{folder}' (from {Variable}={env})"
            : $"under '{folder}' (no {Variable} set and no shared/data folder above '{Directory.GetCurrentDirectory()}')";
        throw new FileNotFoundException(
            $"Data '{relativePath}' not found {where}. Set {Variable} to the folder that holds the data sets " +
            $"(e.g. export {Variable}=../shared/data) or copy them into {DefaultCache}.", path);
    }

    /// <summary>The rule of <see cref="Root"/> with its inputs given, so it can be tested without touching the process.</summary>
    internal static string Resolve(string? environment, string currentDirectory, string defaultCache)
    {
        if (!string.IsNullOrWhiteSpace(environment)) return Path.GetFullPath(environment, currentDirectory);
        for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        return defaultCache;
    }
}
