using System.Numerics;

namespace Backprop.Data;

/// <summary>Fashion-MNIST (Zalando): the same layout as <see cref="Mnist"/>, 60000 + 10000 images of 28×28 clothes in
/// 10 classes, X [m × 784] = pixel / 255, Y [m] = class index.</summary>
public static class FashionMnist
{
    /// <summary>The folder under the data root that holds the four files.</summary>
    public const string Folder = "fashion-mnist";

    /// <summary>T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>(train, test) from the folder holding the four IDX files (named as MNIST's); by default
    /// <c>fashion-mnist/</c> under <see cref="DataPaths.Root"/>.</summary>
    public static (Dataset<T> Train, Dataset<T> Test) Load<T>(string? folder = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Mnist.LoadFolder<T>(folder ?? DataPaths.Find(Folder), ClassNames);
}
