using Backprop.Distributed;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Distributed;

/// <summary>The flat gradient buckets: the layout of segments in buckets, one all-reduce per bucket per step, and a
/// steady data-parallel step that allocates nothing (one thread, a <see cref="MirrorCommunicator"/> in place of MPI).</summary>
public class GradientBucketTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    public void Packing_every_segment_into_every_bucket_and_back_is_the_identity(int capacity)
    {
        int[] lengths = [5, 0, 3, 11, 1];
        var buckets = new FlatBuckets<double>(lengths, capacity);
        Assert.Equal(20, buckets.Total);
        Assert.Equal((20 + capacity - 1) / capacity, buckets.Count);
        var segments = lengths.Select((n, s) => Enumerable.Range(0, n).Select(i => 100.0 * s + i).ToArray()).ToArray();
        var back = lengths.Select(n => new double[n]).ToArray();
        var seen = new List<double>();
        for (int k = 0; k < buckets.Count; k++)
        {
            for (int s = 0; s < lengths.Length; s++) buckets.Pack(k, s, segments[s]);
            seen.AddRange(buckets.Bucket(k).ToArray());
            for (int s = 0; s < lengths.Length; s++) buckets.Unpack(k, s, back[s]);
        }
        Assert.Equal(segments.SelectMany(s => s), seen); // the flat space is the segments end to end
        Assert.Equal(segments, back);
    }

    [Fact]
    public void A_scaled_pack_multiplies_once()
    {
        var buckets = new FlatBuckets<float>([3], 8);
        buckets.Pack(0, 0, [1f, 3f, -0.1f], 0.5f);
        Assert.Equal([0.5f, 1.5f, -0.05f], buckets.Bucket(0).ToArray());
    }

    [Fact]
    public void A_model_under_the_bucket_size_is_one_all_reduce_per_step()
    {
        var mirror = new MirrorCommunicator(2);
        var (history, model) = Fit(mirror, bucketBytes: Defaults.TrainingDefaults.GradientBucketBytes);
        long parameters = model.ParameterCount;
        Assert.Equal(1 + history.StepsCompleted, mirror.AllReduceCalls); // the run check, then one a step
        Assert.Equal(5 + history.StepsCompleted * (parameters + 2), mirror.AllReducedValues);
    }

    [Fact]
    public void Small_buckets_split_the_gradients_into_ceil_of_size_over_capacity_all_reduces()
    {
        var mirror = new MirrorCommunicator(2);
        var (history, model) = Fit(mirror, bucketBytes: 10 * sizeof(float));
        long values = model.ParameterCount + 2, perStep = (values + 9) / 10;
        Assert.Equal(1 + history.StepsCompleted * perStep, mirror.AllReduceCalls);
    }

    [Fact]
    public void Mirrored_ranks_train_as_one_process_on_rank_0s_shard()
    {
        // Every rank holding rank 0's values makes the averaged gradient rank 0's own: the run equals one process trained
        // on rank 0's rows of each batch (rows 0, 2, 4, … of the shuffled batch). A check of the weights b_r/b with N = 2.
        var (x, y) = DataParallelTrainingTests.Data<double>(128);
        var mirrored = DataParallelTrainingTests.Model<double>(1);
        mirrored.Fit(x, y, Loss.BinaryCrossEntropy, new GradientDescent(0.1),
            TrainingOptions.MiniBatch(1, 32, new NumpyRandom(2)) with { Communicator = new MirrorCommunicator(2) });
        var alone = DataParallelTrainingTests.Model<double>(1);
        var order = new NumpyRandom(2).Permutation(128);
        var rows = Enumerable.Range(0, 128).Where(i => i % 32 % 2 == 0).Select(i => order[i]).ToArray();
        alone.Fit(x.GatherRows(rows), y.GatherRows(rows), Loss.BinaryCrossEntropy, new GradientDescent(0.1), TrainingOptions.MiniBatch(1, 16, null));
        Assert.Equal(DataParallelTrainingTests.Flatten(alone), DataParallelTrainingTests.Flatten(mirrored));
    }

    [Fact]
    public void A_warm_data_parallel_step_allocates_zero_bytes()
    {
        var probe = new AllocationWindows(warmup: 5, window: 5);
        var model = new Sequential<float>(new Dense<float>(12, 16, Activation.Relu), new BatchNorm<float>(16), new Dense<float>(16, 1, Activation.Sigmoid));
        model.Initialize(Initializers.Initializer.He, new NumpyRandom(1));
        var x = Tensor<float>.RandomNormal(new NumpyRandom(3), 640, 12); // one epoch of 20 steps: no epoch boundary inside
        var y = Tensor<float>.Zeros(640, 1);
        for (int i = 0; i < 640; i++) y[i, 0] = i % 2;
        model.Fit(x, y, Loss.BinaryCrossEntropy, new Adam(0.01),
            TrainingOptions.MiniBatch(1, 32, new NumpyRandom(2)) with { Communicator = new MirrorCommunicator(2), Callbacks = [probe] });
        Assert.Equal(0, probe.Least);
    }

    private static (TrainingHistory History, Sequential<float> Model) Fit(ICommunicator communicator, int bucketBytes)
    {
        var (x, y) = DataParallelTrainingTests.Data<float>(100);
        var model = DataParallelTrainingTests.Model<float>(1);
        var history = model.Fit(x, y, Loss.BinaryCrossEntropy, new Adam(0.01),
            TrainingOptions.MiniBatch(2, 32, new NumpyRandom(2)) with { Communicator = communicator, GradientBucketBytes = bucketBytes });
        return (history, model);
    }

    /// <summary>The least bytes this thread allocated in a window of <paramref name="window"/> steps after the first
    /// <paramref name="warmup"/> (a per-step allocation shows in every window, a one-off in one at most).</summary>
    private sealed class AllocationWindows(int warmup, int window) : ITrainingCallback
    {
        private long _start;
        public long Least { get; private set; } = long.MaxValue;

        public void OnStepEnd(TrainingContext context, StepResult step)
        {
            if (step.Step < warmup || (step.Step - warmup) % window != 0) return;
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (step.Step > warmup) Least = Math.Min(Least, now - _start);
            _start = GC.GetAllocatedBytesForCurrentThread();
        }
    }
}
