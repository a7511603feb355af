using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Where each catalogued file sits among the shared reference copies, for serving them from
/// <see cref="LocalDataServer"/> under the catalogue's relative paths.</summary>
public static class SharedCopies
{
    /// <summary>relative path → shared file, for the files of <paramref name="names"/> (skips the test when data is missing).</summary>
    public static Dictionary<string, string> Of(params string[] names) =>
        names.SelectMany(n => DatasetCatalog.Get(n).Files)
            .ToDictionary(f => f.RelativePath, f => TestData.File(f.AlsoAt.FirstOrDefault() ?? f.RelativePath));
}
