using System.Numerics;

namespace Backprop.Data;

/// <summary>Well-known data sets by name, like <c>keras.datasets</c>: each call finds the files in the cache (see
/// <see cref="DatasetCache"/>) or downloads and verifies them first, then loads them. <c>root</c> parameters
/// pin one folder for both looking and downloading; the <see cref="DatasetDownloader"/> parameters choose the client,
/// a mirror and a progress sink.</summary>
public static class Datasets
{
    /// <summary>MNIST digits: (train 60000, test 10000), X [m × 784] = pixel/255, Y [m] class index.</summary>
    public static (Dataset<float> Train, Dataset<float> Test) Mnist(string? root = null, DatasetDownloader? downloader = null) =>
        Mnist<float>(root, downloader);

    /// <inheritdoc cref="Mnist(string?, DatasetDownloader?)"/>
    public static (Dataset<T> Train, Dataset<T> Test) Mnist<T>(string? root = null, DatasetDownloader? downloader = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Backprop.Data.Mnist.Load<T>(Folder("mnist", root, downloader));

    /// <summary>Fashion-MNIST: (train 60000, test 10000), X [m × 784] = pixel/255, Y [m] class index.</summary>
    public static (Dataset<float> Train, Dataset<float> Test) FashionMnist(string? root = null, DatasetDownloader? downloader = null) =>
        FashionMnist<float>(root, downloader);

    /// <inheritdoc cref="FashionMnist(string?, DatasetDownloader?)"/>
    public static (Dataset<T> Train, Dataset<T> Test) FashionMnist<T>(string? root = null, DatasetDownloader? downloader = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Backprop.Data.FashionMnist.Load<T>(Folder("fashion-mnist", root, downloader));

    /// <summary>The course's cat vs non-cat: (train 209, test 50), X [m × 12288] = pixel/255 in the course's order, Y [m × 1].</summary>
    public static (Dataset<float> Train, Dataset<float> Test) CatVsNonCat(string? root = null, DatasetDownloader? downloader = null) =>
        CourseImages<float>("catvnoncat", root, downloader);

    /// <summary>The course's SIGNS (hand signs 0–5). No public copy is known: put <c>train_signs.h5</c> and
    /// <c>test_signs.h5</c> into <c>signs/</c> under the cache; the error says where.</summary>
    public static (Dataset<float> Train, Dataset<float> Test) Signs(string? root = null) => CourseImages<float>("signs", root, null);

    /// <summary>The course's happy house faces (happy = 1). No public copy is known: put <c>train_happy.h5</c> and
    /// <c>test_happy.h5</c> into <c>happy-house/</c> under the cache; the error says where.</summary>
    public static (Dataset<float> Train, Dataset<float> Test) HappyHouse(string? root = null) => CourseImages<float>("happy-house", root, null);

    /// <summary>California housing as a prepared table: target <c>median_house_value</c> standardised, numeric features
    /// standardised, <c>ocean_proximity</c> one-hot, the 207 empty <c>total_bedrooms</c> imputed; 20 % held out.</summary>
    public static TableData<float> Housing(TableOptions? options = null, string? root = null, DatasetDownloader? downloader = null) =>
        CsvTable.Load<float>(File("housing", root, downloader)[0], "median_house_value", options ?? new TableOptions());

    /// <summary>The course's dinosaur names, one per line as in the file (1536 names, mixed case).</summary>
    public static IReadOnlyList<string> DinosaurNames(string? root = null, DatasetDownloader? downloader = null) =>
        System.IO.File.ReadAllText(File("dinosaur-names", root, downloader)[0]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The course's planar flower, generated (see <see cref="Data.Planar.Generate{T}"/>): X [400 × 2], Y [400 × 1].</summary>
    public static Dataset<float> Planar() => Backprop.Data.Planar.Generate<float>();

    /// <summary>The full paths of a catalogued set's files, downloaded and verified first when missing.</summary>
    public static IReadOnlyList<string> Fetch(string name, string? root = null, DatasetDownloader? downloader = null, CancellationToken cancellation = default) =>
        DatasetCache.Ensure(DatasetCatalog.Get(name), root, downloader, cancellation);

    private static IReadOnlyList<string> File(string name, string? root, DatasetDownloader? downloader) => Fetch(name, root, downloader);

    private static string Folder(string name, string? root, DatasetDownloader? downloader) => Path.GetDirectoryName(File(name, root, downloader)[0])!;

    private static (Dataset<T> Train, Dataset<T> Test) CourseImages<T>(string name, string? root, DatasetDownloader? downloader)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var files = File(name, root, downloader);
        return (Backprop.Data.CatVsNonCat.Read<T>(files[0], "train_set_x", "train_set_y"), Backprop.Data.CatVsNonCat.Read<T>(files[1], "test_set_x", "test_set_y"));
    }
}
