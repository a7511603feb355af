using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The real MNIST and Fashion-MNIST files against data/README.md: counts, first labels, label histograms, mean pixel.</summary>
public class MnistTests
{
    // One full load each (≈ 0.5 s, 200 MB as float) shared by the tests below.
    private static readonly Lazy<(Dataset<float> Train, Dataset<float> Test)> Digits =
        new(() => Mnist.Load<float>(Path.GetDirectoryName(TestData.Dataset("mnist", "train-images-idx3-ubyte.gz"))));

    private static readonly Lazy<(Dataset<float> Train, Dataset<float> Test)> Fashion =
        new(() => FashionMnist.Load<float>(Path.GetDirectoryName(TestData.Dataset("fashion-mnist", "train-images-idx3-ubyte.gz"))));

    private static int[] Histogram(Dataset<float> data)
    {
        var counts = new int[10];
        foreach (int label in data.Labels()) counts[label]++;
        return counts;
    }

    private static double MeanPixel(Dataset<float> data)
    {
        double sum = 0;
        foreach (float v in data.X.AsReadOnlySpan()) sum += v;
        return sum / data.X.Length * 255;
    }

    [SkippableFact]
    public void Mnist_has_the_published_counts_first_labels_and_histograms()
    {
        var (train, test) = Digits.Value;
        Assert.Equal([60000, 784], train.X.Shape.ToArray());
        Assert.Equal([10000, 784], test.X.Shape.ToArray());
        Assert.Equal([60000], train.Y.Shape.ToArray());
        Assert.Equal([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], train.Labels()[..10]);
        Assert.Equal([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], test.Labels()[..10]);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], Histogram(train));
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], Histogram(test));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], train.ClassNames!);
        Assert.Equal(33.3184, MeanPixel(train), 3);
        Assert.Equal(33.7912, MeanPixel(test), 3);
    }

    [SkippableFact]
    public void Fashion_mnist_has_the_published_counts_first_labels_balanced_classes_and_names()
    {
        var (train, test) = Fashion.Value;
        Assert.Equal([60000, 784], train.X.Shape.ToArray());
        Assert.Equal([10000, 784], test.X.Shape.ToArray());
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], train.Labels()[..10]);
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], test.Labels()[..10]);
        Assert.All(Histogram(train), count => Assert.Equal(6000, count));
        Assert.All(Histogram(test), count => Assert.Equal(1000, count));
        Assert.Equal("T-shirt/top", train.ClassNames![0]);
        Assert.Equal("Ankle boot", train.ClassNames![9]);
    }

    [SkippableFact]
    public void Mnist_one_hot_targets_have_one_one_per_row()
    {
        var hot = Digits.Value.Test.WithOneHotTargets();
        Assert.Equal([10000, 10], hot.Y.Shape.ToArray());
        Assert.Equal(10000f, System.Numerics.Tensors.TensorPrimitives.Sum(hot.Y.AsReadOnlySpan()));
        Assert.Equal(Digits.Value.Test.Labels(), hot.Labels());
    }

    [Fact]
    public void A_folder_without_the_files_names_the_missing_file()
    {
        var empty = Directory.CreateTempSubdirectory("bp-mnist-").FullName;
        try
        {
            var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load<float>(empty));
            Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        }
        finally { Directory.Delete(empty); }
    }
}
