namespace Backprop.Tests;

/// <summary>Finds the shared data sets: <c>BACKPROP_DATA</c>, else <c>../shared/data</c> above the repository.
/// In CI (<c>CI</c> set) missing data fails loudly; elsewhere the test is skipped with a message saying how to get it.</summary>
public static class TestData
{
    public static string? Root { get; } = FindRoot();

    private static string? FindRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        var env = Environment.GetEnvironmentVariable("BACKPROP_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        // Look above the build output and above this source file (builds may use a separate artifacts folder).
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "", Directory.GetCurrentDirectory() })
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>The full path of a file under the data root; skips (or, in CI, fails) when it is missing.</summary>
    public static string File(string relativePath)
    {
        var path = Root is null ? null : Path.Combine(Root, relativePath);
        if (path is not null && System.IO.File.Exists(path)) return path;
        var message = $"Shared data file '{relativePath}' not found. Set BACKPROP_DATA to the folder holding the course data (../shared/data).";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) throw new InvalidOperationException(message);
        Skip.If(true, message);
        return "";
    }
}
