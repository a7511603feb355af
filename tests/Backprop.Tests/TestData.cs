using System.Runtime.CompilerServices;
using Backprop.Data;

namespace Backprop.Tests;

/// <summary>The two kinds of test input (docs/architecture.md, "Test data: fixtures and datasets").
/// <list type="bullet">
/// <item><see cref="Fixture"/>: a small reference file kept in the repository under <c>tests/fixtures</c>
/// (its README says where each came from). A clone always has it, so a missing fixture fails the test.</item>
/// <item><see cref="Dataset"/>: a file of a catalogued data set (MNIST, the cats, housing, ...), never in the repository.
/// Missing, the test skips with a message naming <c>backprop datasets get NAME</c>. In CI (<c>CI</c> set) it fails
/// instead, except at the public-clone level (<c>BACKPROP_TEST_PUBLIC_CLONE=1</c>), which has no data on purpose.</item>
/// </list></summary>
public static class TestData
{
    /// <summary>Set by <c>.ci/run</c> at the level that runs a fresh clone with no data: missing data sets skip there.</summary>
    public const string PublicCloneVariable = "BACKPROP_TEST_PUBLIC_CLONE";

    /// <summary>The repository's <c>tests/fixtures</c> folder, found from this source file.</summary>
    public static string FixturesFolder => FixturesBesideThisFile();

    /// <summary>The full path of <paramref name="relativePath"/> under <c>tests/fixtures</c>.</summary>
    /// <exception cref="FileNotFoundException">It is missing: fixtures are part of the repository.</exception>
    public static string Fixture(string relativePath)
    {
        var path = Path.Combine(FixturesFolder, relativePath);
        if (File.Exists(path)) return path;
        throw new FileNotFoundException(
            $"Fixture '{relativePath}' is missing from {FixturesFolder}; fixtures are part of the repository (see tests/fixtures/README.md).", path);
    }

    /// <summary>The folders a data set is looked for in, in order: <c>BACKPROP_DATA</c> when set; a <c>shared/data</c>
    /// folder above the build output, this source file or the current directory (the library's
    /// <see cref="DataPaths"/> rule); the datasets cache <c>~/.backprop/datasets</c>; and <c>tests/fixtures</c>,
    /// which keeps a copy of the small dinosaur names.</summary>
    public static IReadOnlyList<string> DatasetRoots
    {
        get
        {
            var roots = new List<string>();
            var env = Environment.GetEnvironmentVariable(DataPaths.Variable);
            if (!string.IsNullOrWhiteSpace(env)) roots.Add(DataPaths.Resolve(env, Directory.GetCurrentDirectory(), DataPaths.DefaultCache));
            foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(FixturesFolder)!, Directory.GetCurrentDirectory() })
                roots.Add(DataPaths.Resolve(null, start, DataPaths.DefaultCache));
            roots.Add(DataPaths.DefaultCache);
            roots.Add(FixturesFolder);
            return roots.Distinct(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The path of the file called <paramref name="fileName"/> of the catalogued set <paramref name="name"/>,
    /// in the first of <see cref="DatasetRoots"/> that holds every file of the set (sizes checked as the library does).
    /// Skips the test when none does (fails in CI, but for the public-clone level).</summary>
    public static string Dataset(string name, string fileName)
    {
        var entry = DatasetCatalog.Get(name);
        var file = entry.Files.SingleOrDefault(f => f.Name == fileName)
            ?? throw new ArgumentException($"The catalogue's {entry.Name} has no file '{fileName}'.", nameof(fileName));
        var roots = DatasetRoots;
        foreach (var root in roots)
            if (entry.Files.All(f => DatasetCache.Locate(f, root) is not null)) return DatasetCache.Locate(file, root)!;
        var message = $"Data set '{entry.Name}' not found under {string.Join(", ", roots)}: run `backprop datasets get {entry.Name}` " +
            $"(or set {DataPaths.Variable} to a folder holding it) to run this test.";
        if (IsOn("CI") && !IsOn(PublicCloneVariable))
            throw new InvalidOperationException(message + $" CI must have every data set ({PublicCloneVariable}=1 only for a public clone).");
        throw new SkipException(message);
    }

    /// <summary>Whether the environment variable is set to something other than empty, 0 or false.</summary>
    public static bool IsOn(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v && v != "0" && !v.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static string FixturesBesideThisFile([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "fixtures"));
}
