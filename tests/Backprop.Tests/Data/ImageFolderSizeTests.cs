using Backprop.Data;
using Backprop.Defaults;

namespace Backprop.Tests.Data;

public sealed class ImageFolderSizeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("backprop-sizes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_median_side_is_read_from_the_headers_and_an_unreadable_header_counts_as_the_fallback()
    {
        var paths = new[] { (9, 4), (20, 28), (6, 5), (40, 3) }.Select((size, i) => Write($"{i}.bmp", size.Item1, size.Item2)).ToList();
        Assert.Equal(9, ImageFolder.MedianSide(paths, fallback: 64)); // sides 6, 9, 28, 40: the lower middle one
        paths.Add(Write("broken.png", "not an image"));
        Assert.Equal(28, ImageFolder.MedianSide(paths, fallback: 64)); // 6, 9, 28, 40, 64
    }

    [Theory]
    [InlineData(4, 8)]
    [InlineData(28, 28)]
    [InlineData(100, 100)]
    [InlineData(3000, 128)]
    public void Small_images_keep_their_native_size_and_photos_are_capped(int median, int side) =>
        Assert.Equal(side, TrainingDefaults.ImageSide(median));

    private string Write(string name, int width, int height)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, TestImages.Bmp(width, height, (_, _, _) => 128));
        return path;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
