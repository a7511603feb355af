using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Where each catalogued file sits among the shared reference copies, for serving them from
/// <see cref="LocalDataServer"/> under the catalogue's relative paths.</summary>
public static class SharedCopies
{
    /// <summary>relative path → local copy, for the files of <paramref name="names"/> (<see cref="TestData.Dataset"/>:
    /// skips the test when a set is missing).</summary>
    public static Dictionary<string, string> Of(params string[] names) =>
        names.Select(DatasetCatalog.Get).SelectMany(e => e.Files.Select(f => (e.Name, File: f)))
            .ToDictionary(x => x.File.RelativePath, x => TestData.Dataset(x.Name, x.File.Name));
}
