using System.Numerics;

namespace Backprop.Data;

/// <summary>MNIST handwritten digits: 60000 training and 10000 test images of 28×28, X [m × 784] = pixel / 255,
/// Y [m] = the digit 0 … 9 (a class index); class names "0" … "9".</summary>
public static class Mnist
{
    /// <summary>The folder under the data root that holds the four files.</summary>
    public const string Folder = "mnist";

    /// <summary>"0" … "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>(train, test) from the folder holding <c>train-images-idx3-ubyte.gz</c>, <c>train-labels-idx1-ubyte.gz</c>,
    /// <c>t10k-images-idx3-ubyte.gz</c> and <c>t10k-labels-idx1-ubyte.gz</c> (or the same names without <c>.gz</c>);
    /// by default <c>mnist/</c> under <see cref="DataPaths.Root"/>.</summary>
    public static (Dataset<T> Train, Dataset<T> Test) Load<T>(string? folder = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        LoadFolder<T>(folder ?? DataPaths.Find(Folder), ClassNames);

    internal static (Dataset<T> Train, Dataset<T> Test) LoadFolder<T>(string folder, IReadOnlyList<string> classNames)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Data folder '{folder}' not found.");
        return (Idx.Load<T>(FindFile(folder, "train-images-idx3-ubyte"), FindFile(folder, "train-labels-idx1-ubyte"), classNames),
                Idx.Load<T>(FindFile(folder, "t10k-images-idx3-ubyte"), FindFile(folder, "t10k-labels-idx1-ubyte"), classNames));
    }

    private static string FindFile(string folder, string name)
    {
        var gz = Path.Combine(folder, name + ".gz");
        if (File.Exists(gz)) return gz;
        var raw = Path.Combine(folder, name);
        if (File.Exists(raw)) return raw;
        throw new FileNotFoundException($"'{name}.gz' not found in '{folder}'.", gz);
    }
}
