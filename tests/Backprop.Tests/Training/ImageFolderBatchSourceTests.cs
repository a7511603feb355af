using Backprop.Data;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>An image folder streamed from disk gives the batches of the same folder loaded into memory, in the same
/// order for the same seed, whatever the number of decoding threads, the prefetch depth or the cache.</summary>
public sealed class ImageFolderBatchSourceTests : IDisposable
{
    private const int Images = 22, Batch = 4, Size = 5; // 6 batches, the last of 2
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "backprop-stream-" + Guid.NewGuid().ToString("N"));

    public ImageFolderBatchSourceTests()
    {
        for (int i = 0; i < Images; i++)
        {
            string label = i % 3 == 0 ? "circle" : i % 3 == 1 ? "square" : "star";
            Directory.CreateDirectory(Path.Combine(_folder, label));
            File.WriteAllBytes(Path.Combine(_folder, label, $"{i:D2}.bmp"),
                TestImages.Bmp(7 + i % 3, 6, (row, col, ch) => (byte)((i * 37 + row * 11 + col * 5 + ch * 3) % 256)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(1, 1, 0L)]
    [InlineData(3, 2, 0L)]
    [InlineData(2, 3, 1L << 20)]
    public void Streamed_batches_equal_the_in_memory_batches_of_the_same_seed(int threads, int depth, long cacheBytes)
    {
        var all = ImageFolder.Load<float>(_folder, Size, Size);
        var inMemory = new TensorBatchSource<float>(all.X, all.Y, Batch, new NumpyRandom(9));
        using var streamed = new ImageFolderBatchSource<float>(_folder, Size, Size, Batch, new NumpyRandom(9),
            new ImageStreamOptions { DecodeThreads = threads, PrefetchDepth = depth, CacheBytes = cacheBytes });

        Assert.Equal(Images, streamed.Count);
        Assert.Equal(["circle", "square", "star"], streamed.Classes);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            inMemory.StartEpoch();
            streamed.StartEpoch();
            for (int b = 0; b < 6; b++)
            {
                var (ex, ey) = inMemory.Batch(b);
                var (sx, sy) = streamed.Batch(b);
                Assert.Equal(ex.Shape.ToArray(), sx.Shape.ToArray());
                Assert.Equal(ex.AsReadOnlySpan().ToArray(), sx.AsReadOnlySpan().ToArray());
                Assert.Equal(ey.AsReadOnlySpan().ToArray(), sy.AsReadOnlySpan().ToArray());
            }
        }
        Assert.True(cacheBytes == 0 ? streamed.CachedBytes == 0 : streamed.CachedBytes == Images * Size * Size * 3); // a byte per value
    }

    [Fact]
    public void Training_from_the_stream_gives_the_same_model_as_training_from_memory()
    {
        var all = ImageFolder.Load<float>(_folder, Size, Size).WithOneHotTargets(3);
        var fromMemory = Network();
        var memoryHistory = fromMemory.Fit(all.X, all.Y, Loss.SoftmaxCrossEntropy, new Adam(0.01), TrainingOptions.MiniBatch(2, Batch, new NumpyRandom(4)));
        var fromDisk = Network();
        using var stream = new ImageFolderBatchSource<float>(_folder, Size, Size, Batch, new NumpyRandom(4), new ImageStreamOptions { DecodeThreads = 2, OneHot = true });
        var diskHistory = fromDisk.Fit(stream, Loss.SoftmaxCrossEntropy, new Adam(0.01), new TrainingOptions { Epochs = 2 });

        Assert.Equal(memoryHistory.Costs.Select(c => c.Cost), diskHistory.Costs.Select(c => c.Cost));
        Assert.Equal(fromMemory.PredictValues(all.X).AsReadOnlySpan().ToArray(), fromDisk.PredictValues(all.X).AsReadOnlySpan().ToArray());
    }

    [Fact]
    public void Batches_come_in_order_and_an_undecodable_file_is_named()
    {
        File.WriteAllText(Path.Combine(_folder, "star", "broken.png"), "not an image");
        using var stream = new ImageFolderBatchSource<float>(_folder, Size, Size, Batch, shuffle: null);
        Assert.Throws<InvalidOperationException>(() => stream.Batch(0)); // before StartEpoch
        stream.StartEpoch();
        Assert.Throws<InvalidOperationException>(() => stream.Batch(1));
        var error = Assert.Throws<DataFormatException>(() => { for (int b = 0; b < 6; b++) stream.Batch(b); });
        Assert.Contains("broken.png", error.Message);
    }

    [Fact]
    public void A_batch_source_decides_batching_so_the_options_must_not()
    {
        using var stream = new ImageFolderBatchSource<float>(_folder, Size, Size, Batch, shuffle: null);
        Assert.Throws<ArgumentException>(() => Network().Fit(stream, Loss.SoftmaxCrossEntropy, new Adam(0.01), TrainingOptions.MiniBatch(1, Batch, null)));
    }

    private static Sequential<float> Network()
    {
        var model = new Sequential<float>(new Dense<float>(Size * Size * 3, 6, Activation.Relu), new Dense<float>(6, 3, Activation.Softmax));
        model.Initialize(Backprop.Initializers.Initializer.He, new NumpyRandom(2));
        return model;
    }
}
