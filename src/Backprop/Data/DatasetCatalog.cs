namespace Backprop.Data;

/// <summary>The data sets that load by name (<c>backprop datasets get NAME</c>, <c>--data NAME</c>,
/// <see cref="Datasets"/>), with each file's public address, size and sha256. The checksums are those of the shared
/// reference copies, which are byte-identical to the published originals (their md5s match the publishers').</summary>
public static class DatasetCatalog
{
    private const string MnistGcs = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    private const string MnistS3 = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private const string Fashion = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/b2617bb6d3ffa2e429640350f613e3291e10b141/data/fashion/";
    private const string Cats = "https://raw.githubusercontent.com/ramakris/coursera-deeplearning/b1c8f954b5711f918c75f764138837bbe1b3f7fc/datasets/";
    private const string Housing = "https://raw.githubusercontent.com/ageron/handson-ml2/1e2115277b50f6c584cd668fa30e3af309a5b136/datasets/housing/housing.csv";
    private const string Dinos = "https://raw.githubusercontent.com/dsalgador/DeepRNN-RandomNamesGenerator/403cd574c569b2381eef2b8d5ee5e77c32dd721a/data/dinos.txt";

    /// <summary>Every entry, in the order <c>datasets list</c> shows them.</summary>
    public static IReadOnlyList<DatasetEntry> All { get; } =
    [
        new("mnist", "handwritten digits 0-9, 60000 + 10000 images of 28x28 (IDX)", "Y. LeCun, C. Cortes, C. Burges; TensorFlow's and PyTorch's mirrors", "CC BY-SA 3.0 (as commonly redistributed)",
        [
            Idx("mnist", "train-images-idx3-ubyte.gz", 9_912_422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", MnistGcs, MnistS3),
            Idx("mnist", "train-labels-idx1-ubyte.gz", 28_881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", MnistGcs, MnistS3),
            Idx("mnist", "t10k-images-idx3-ubyte.gz", 1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", MnistGcs, MnistS3),
            Idx("mnist", "t10k-labels-idx1-ubyte.gz", 4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", MnistGcs, MnistS3),
        ]),
        new("fashion-mnist", "Zalando's clothes in 10 classes, 60000 + 10000 images of 28x28 (IDX)", "zalandoresearch/fashion-mnist on GitHub", "MIT",
        [
            Idx("fashion-mnist", "train-images-idx3-ubyte.gz", 26_421_880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", Fashion),
            Idx("fashion-mnist", "train-labels-idx1-ubyte.gz", 29_515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", Fashion),
            Idx("fashion-mnist", "t10k-images-idx3-ubyte.gz", 4_422_102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", Fashion),
            Idx("fashion-mnist", "t10k-labels-idx1-ubyte.gz", 5_148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", Fashion),
        ]),
        new("catvnoncat", "the course's cat vs non-cat, 209 + 50 RGB images of 64x64 (HDF5)", "the course (Neural Networks and Deep Learning, weeks 2 and 4), via a public course copy on GitHub", "course material",
        [
            new("catvnoncat/train_catvnoncat.h5", 2_572_022, "fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242", [Cats + "train_catvnoncat.h5"]),
            new("catvnoncat/test_catvnoncat.h5", 616_958, "6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951", [Cats + "test_catvnoncat.h5"]),
        ]),
        new("signs", "the course's hand signs 0-5, 1080 + 120 RGB images of 64x64 (HDF5)", "the course (Improving Deep Neural Networks, week 3; CNNs, week 1)", "course material",
        [new("signs/train_signs.h5", 0, "", []), new("signs/test_signs.h5", 0, "", [])])
        { Unavailable = "no usable public copy is known, so it cannot be downloaded" },
        new("happy-house", "the course's happy or not faces, 600 + 150 RGB images of 64x64 (HDF5)", "the course (CNNs, week 2)", "course material",
        [new("happy-house/train_happy.h5", 0, "", []), new("happy-house/test_happy.h5", 0, "", [])])
        { Unavailable = "no usable public copy is known, so it cannot be downloaded" },
        new("dinosaur-names", "the course's 1536 dinosaur names, one a line (text)", "dsalgador/DeepRNN-RandomNamesGenerator on GitHub (taken from the course)", "course material",
        [new("dinosaur-names/dinos.txt", 19_909, "ad6465621cf56c08f71d4fbb40cf7eab763f9df42c54cc460d6c4d86e9c927fb", [Dinos]) { AlsoAt = ["course45/dinos.txt"] }]),
        new("housing", "California housing, 20640 districts x 10 columns, target median_house_value (CSV)", "ageron/handson-ml2 on GitHub (1990 US census, via StatLib)", "Apache-2.0 (repository)",
        [new("housing/housing.csv", 1_423_529, "8a3727f4cf54ac1a327f69b1d5b4db54c5834ea81c6e4efc0d163300022a685e", [Housing])]),
        new("planar", "the course's planar flower, 400 points in 2 classes (generated in code)", "generated as the course's load_planar_dataset does, seed 1", "none needed", []),
    ];

    /// <summary>The entry called <paramref name="name"/> (case-insensitive; '_' and '-' alike), or null.</summary>
    public static DatasetEntry? Find(string name)
    {
        var key = name.Trim().Replace('_', '-');
        return All.FirstOrDefault(e => string.Equals(e.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? (key.Equals("cat-vs-non-cat", StringComparison.OrdinalIgnoreCase) || key.Equals("cats", StringComparison.OrdinalIgnoreCase) ? Find("catvnoncat")
            : key.Equals("dinos", StringComparison.OrdinalIgnoreCase) ? Find("dinosaur-names")
            : key.Equals("happy", StringComparison.OrdinalIgnoreCase) ? Find("happy-house")
            : key.Equals("california-housing", StringComparison.OrdinalIgnoreCase) ? Find("housing") : null);
    }

    /// <summary>The entry called <paramref name="name"/>, else an <see cref="ArgumentException"/> listing the names.</summary>
    public static DatasetEntry Get(string name) => Find(name)
        ?? throw new ArgumentException($"'{name}' is not a known data set; the catalogue has {string.Join(", ", All.Select(e => e.Name))}.", nameof(name));

    private static DatasetFile Idx(string folder, string file, long bytes, string sha256, params string[] bases) =>
        new($"{folder}/{file}", bytes, sha256, bases.Select(b => b + file).ToArray());
}
