using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The catalogue's names, sizes and checksums against the local reference copies (<see cref="TestData.Dataset"/>:
/// the shared data or the cache; the dinosaur names also in tests/fixtures).</summary>
public sealed class DatasetCatalogTests
{
    public static TheoryData<string> DownloadableFiles() =>
        [.. DatasetCatalog.All.Where(e => e.Unavailable is null).SelectMany(e => e.Files).Select(f => f.RelativePath)];

    [SkippableTheory]
    [MemberData(nameof(DownloadableFiles))]
    public void Each_catalogued_checksum_and_size_is_that_of_the_shared_copy(string relativePath)
    {
        var entry = DatasetCatalog.All.Single(e => e.Files.Any(f => f.RelativePath == relativePath));
        var file = entry.Files.Single(f => f.RelativePath == relativePath);
        var shared = TestData.Dataset(entry.Name, file.Name);
        Assert.Equal(file.Bytes, new FileInfo(shared).Length);
        Assert.Equal(file.Sha256, Sha256File.Of(shared));
        Assert.NotEmpty(file.Urls);
        Assert.All(file.Urls, u => Assert.StartsWith("https://", u));
    }

    [Fact]
    public void The_catalogue_holds_the_eight_sets_the_issue_names()
    {
        Assert.Equal(["mnist", "fashion-mnist", "catvnoncat", "signs", "happy-house", "dinosaur-names", "housing", "planar"],
            DatasetCatalog.All.Select(e => e.Name));
        Assert.True(DatasetCatalog.Get("planar").Generated);
    }

    [Theory]
    [InlineData("MNIST", "mnist")]
    [InlineData("fashion_mnist", "fashion-mnist")]
    [InlineData("cats", "catvnoncat")]
    [InlineData("dinos", "dinosaur-names")]
    [InlineData("california-housing", "housing")]
    public void Names_are_found_case_insensitively_and_by_common_aliases(string typed, string name) =>
        Assert.Equal(name, DatasetCatalog.Find(typed)!.Name);

    [Fact]
    public void An_unknown_name_lists_the_catalogue()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.Get("cifar10"));
        Assert.Contains("'cifar10' is not a known data set", e.Message);
        Assert.Contains("fashion-mnist", e.Message);
    }

    [Fact]
    public void A_set_with_no_public_copy_says_where_to_put_its_files()
    {
        using var temp = new TempFiles();
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Signs(temp.Folder));
        Assert.Contains("no usable public copy", e.Message);
        Assert.Contains(Path.Combine(temp.Folder, "signs"), e.Message);
        Assert.Contains("train_signs.h5", e.Message);
    }

    [Fact]
    public void The_dinosaur_names_are_found_under_course45_where_the_shared_data_and_the_fixtures_keep_them()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(TestData.Fixture("course45/dinos.txt")))!;
        Assert.Equal(Path.Combine(root, "course45", "dinos.txt"), DatasetCache.Locate(DatasetCatalog.Get("dinos").Files[0], root));
    }
}
