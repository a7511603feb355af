using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The course's HDF5 files, against data/README.md and COURSE_REFERENCE.md §1.</summary>
public class CatVsNonCatTests
{
    private static string Root() => Path.GetDirectoryName(Path.GetDirectoryName(TestData.Dataset("catvnoncat", "train_catvnoncat.h5")))!;

    [SkippableFact]
    public void Cats_load_in_the_course_order_with_the_published_counts_and_class_names()
    {
        var (train, test) = CatVsNonCat.Load<double>(Root());
        Assert.Equal([209, 12288], train.X.Shape.ToArray());
        Assert.Equal([50, 12288], test.X.Shape.ToArray());
        Assert.Equal([209, 1], train.Y.Shape.ToArray());
        // train_set_x_flatten[0:5, 0] = [17 31 56 22 33]: the first pixel's RGB, then the second pixel's R, G.
        Assert.Equal([17.0, 31, 56, 22, 33], train.X.ToArray()[..5].Select(v => Math.Round(v * 255)));
        Assert.Equal(17.0 / 255, train.X[0, 0]);
        Assert.Equal(72, train.Labels().Count(l => l == 1));
        Assert.Equal(137, train.Labels().Count(l => l == 0));
        Assert.Equal(33, test.Labels().Count(l => l == 1));
        Assert.Equal(17, test.Labels().Count(l => l == 0));
        Assert.Equal([0, 0, 1, 0, 0, 0, 0, 1, 0, 0], train.Labels()[..10]);
        Assert.Equal([1, 1, 1, 1, 1, 0, 1, 1, 1, 1], test.Labels()[..10]);
        Assert.Equal(["non-cat", "cat"], train.ClassNames!);
        Assert.Equal(["non-cat", "cat"], test.ClassNames!);
    }

    [SkippableFact]
    public void Float_cats_are_the_bytes_over_255()
    {
        var (train, _) = CatVsNonCat.Load<float>(Root());
        Assert.Equal(17f / 255f, train.X[0, 0]);
        Assert.InRange(train.X.ToArray().Max(), 0.99f, 1f);
    }

    [Fact]
    public void A_missing_or_non_HDF5_file_says_which_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"bp-no-such-{Guid.NewGuid():N}.h5");
        Assert.Throws<FileNotFoundException>(() => CatVsNonCat.Read<double>(missing, "train_set_x", "train_set_y"));
        var junk = Path.GetTempFileName();
        try
        {
            File.WriteAllText(junk, "this is not HDF5");
            var e = Assert.Throws<DataFormatException>(() => CatVsNonCat.Read<double>(junk, "train_set_x", "train_set_y"));
            Assert.Contains(Path.GetFileName(junk), e.Message);
        }
        finally { File.Delete(junk); }
    }

    [Fact]
    public void A_missing_data_root_names_BACKPROP_DATA()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CatVsNonCat.Load<double>(Path.Combine(Path.GetTempPath(), $"bp-none-{Guid.NewGuid():N}")));
        Assert.Contains("BACKPROP_DATA", e.Message);
    }
}
