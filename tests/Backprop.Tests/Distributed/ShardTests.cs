using Backprop.Distributed;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Distributed;

/// <summary>Rank r's shard of a global batch is rows r, r + N, …; the shards of all ranks are the batch, each row once.</summary>
public class ShardTests
{
    [Theory]
    [InlineData(64, 2, new[] { 32, 32 })]
    [InlineData(64, 3, new[] { 22, 21, 21 })]
    [InlineData(1, 2, new[] { 1, 0 })]
    [InlineData(0, 4, new[] { 0, 0, 0, 0 })]
    [InlineData(5, 8, new[] { 1, 1, 1, 1, 1, 0, 0, 0 })]
    public void A_batch_of_b_rows_gives_rank_r_ceil_of_b_minus_r_over_N(int rows, int size, int[] expected)
    {
        Assert.Equal(expected, Enumerable.Range(0, size).Select(r => new Shard(r, size).RowsOf(rows)));
    }

    [Fact]
    public void The_shards_of_every_rank_are_the_batch_each_row_once()
    {
        for (int size = 1; size <= 5; size++)
            for (int b = 0; b <= 13; b++)
            {
                var batch = new NumpyRandom((uint)(b + 10 * size)).Permutation(b);
                var rows = new List<int>();
                for (int r = 0; r < size; r++)
                {
                    var shard = new Shard(r, size);
                    var local = new int[shard.RowsOf(b)];
                    shard.Select(batch, local);
                    for (int i = 0; i < local.Length; i++) Assert.Equal(batch[r + i * size], local[i]);
                    rows.AddRange(local);
                }
                Assert.Equal(batch.Order(), rows.Order());
            }
    }

    [Fact]
    public void A_shard_needs_a_rank_below_the_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Shard(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Shard(0, 0));
        Assert.True(Shard.Whole.IsWhole);
        Assert.Equal(new Shard(1, 3), Shard.Of(new MirrorCommunicator(3, 1)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_sharded_tensor_source_hands_each_rank_its_rows_of_the_global_batches(bool shuffled)
    {
        int m = 23, batch = 8, size = 3;
        var x = Tensor<double>.Zeros(m, 2);
        var y = Tensor<double>.Zeros(m, 1);
        for (int i = 0; i < m; i++) { x[i, 0] = i; x[i, 1] = -i; y[i, 0] = i; }
        var whole = new TensorBatchSource<double>(x, y, batch, shuffled ? new NumpyRandom(4) : null);
        var shards = Enumerable.Range(0, size).Select(r => new TensorBatchSource<double>(x, y, batch, shuffled ? new NumpyRandom(4) : null, new Shard(r, size))).ToArray();
        var wrapped = Enumerable.Range(0, size).Select(r => new ShardedBatchSource<double>(new TensorBatchSource<double>(x, y, batch, shuffled ? new NumpyRandom(4) : null), new Shard(r, size))).ToArray();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            whole.StartEpoch();
            foreach (var s in shards) s.StartEpoch();
            foreach (var s in wrapped) s.StartEpoch();
            for (int k = 0; k < 3; k++)
            {
                var global = whole.Batch(k).Y.ToArray();
                for (int r = 0; r < size; r++)
                {
                    var expected = global.Where((_, i) => i % size == r).ToArray();
                    var (xs, ys) = shards[r].Batch(k);
                    Assert.Equal(expected, ys.ToArray());
                    Assert.Equal(expected.SelectMany(v => new[] { v, -v }), xs.ToArray());
                    Assert.Equal(expected, wrapped[r].Batch(k).Y.ToArray());
                    Assert.Equal(m, shards[r].Count);
                    Assert.Equal(batch, shards[r].BatchSize);
                }
            }
        }
    }

    [Fact]
    public void A_single_process_is_rank_0_of_1_and_its_collectives_leave_the_values()
    {
        using var one = SingleProcess.Instance;
        Assert.Equal((0, 1), (one.Rank, one.Size));
        float[] f = [1, 2, 3];
        double[] d = [4, 5];
        one.AllReduceSum(f.AsSpan());
        one.AllReduceSum(d.AsSpan());
        one.Broadcast(f.AsSpan());
        one.Broadcast(d.AsSpan(), 0);
        one.Barrier();
        Assert.Equal([1f, 2f, 3f], f);
        Assert.Equal([4.0, 5.0], d);
        Assert.Throws<ArgumentOutOfRangeException>(() => one.Broadcast(f.AsSpan(), 1));
        Assert.Same(SingleProcess.Instance, DataParallel.Single);
        Assert.Same(SingleProcess.Instance, new TrainingOptions().Communicator);
    }

    [Fact]
    public void The_generic_collectives_carry_float_and_double_and_refuse_other_types()
    {
        var mirror = new MirrorCommunicator(2);
        float[] f = [1, 2];
        mirror.AllReduceSum<float>(f.AsSpan());
        Assert.Equal([2f, 4f], f);
        Assert.Throws<NotSupportedException>(() => mirror.AllReduceSum<int>(new int[2].AsSpan()));
    }

    [Fact]
    public void The_launcher_is_read_from_OpenMPI_or_PMI_variables()
    {
        var open = new Dictionary<string, string> { ["OMPI_COMM_WORLD_SIZE"] = "4", ["PMI_SIZE"] = "9" };
        var pmi = new Dictionary<string, string> { ["PMI_SIZE"] = "3" };
        string[] names = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE"];
        Assert.Equal(4, MpiEnvironment.Read(names, n => open.GetValueOrDefault(n)));
        Assert.Equal(3, MpiEnvironment.Read(names, n => pmi.GetValueOrDefault(n)));
        Assert.Null(MpiEnvironment.Read(names, _ => null));
        Assert.Null(MpiEnvironment.Read(names, _ => "two"));
    }
}
