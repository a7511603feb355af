using System.Numerics;
using Backprop.Data;
using Backprop.Distributed;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Callbacks;

namespace Backprop.Tests.Distributed;

/// <summary>Data-parallel training without MPI: N ranks as threads of this process (<see cref="ThreadGroup"/>) train on
/// their shards of the same global batches and must end where one process ends, with bit-identical parameters.</summary>
public class DataParallelTrainingTests
{
    [Theory]
    [InlineData(2, 400, 64)]  // a last batch of 16 rows: 8 each
    [InlineData(3, 400, 64)]  // shards of 22, 21, 21: the weights b_r/b differ
    [InlineData(2, 129, 64)]  // a last batch of 1 row: rank 1 has none and adds zeros
    public void N_ranks_in_float64_train_as_one_process_on_the_same_global_batches(int ranks, int examples, int batch)
    {
        var (x, y) = Data<double>(examples);
        var single = Train(Model<double>(1), x, y, batch, SingleProcess.Instance);
        var parallel = ThreadGroup.Run(ranks, c => Train(Model<double>(1), x, y, batch, c));

        foreach (var rank in parallel) Assert.Equal(parallel[0].Parameters, rank.Parameters); // bit for bit
        Assert.True(MaxDifference(single.Parameters, parallel[0].Parameters) <= 1e-12,
            $"max |θ_N − θ_1| = {MaxDifference(single.Parameters, parallel[0].Parameters):E3}");
        Assert.Equal(single.Costs.Length, parallel[0].Costs.Length);
        for (int i = 0; i < single.Costs.Length; i++) Assert.Equal(single.Costs[i], parallel[0].Costs[i], 1e-12);
    }

    [Fact]
    public void Two_ranks_in_float32_stay_within_1e_5_of_one_process_and_agree_bit_for_bit()
    {
        var (x, y) = Data<float>(400);
        var single = Train(Model<float>(1), x, y, 64, SingleProcess.Instance);
        var parallel = ThreadGroup.Run(2, c => Train(Model<float>(1), x, y, 64, c));
        Assert.Equal(parallel[0].Parameters, parallel[1].Parameters);
        double difference = MaxDifference(single.Parameters, parallel[0].Parameters);
        Assert.True(difference <= 1e-5, $"max |θ_2 − θ_1| = {difference:E3}");
    }

    [Fact]
    public void Every_rank_starts_from_rank_0s_parameters()
    {
        var (x, y) = Data<double>(200);
        var single = Train(Model<double>(1), x, y, 50, SingleProcess.Instance);
        var parallel = ThreadGroup.Run(2, c => Train(Model<double>(c.Rank == 0 ? 1u : 99u), x, y, 50, c));
        Assert.Equal(parallel[0].Parameters, parallel[1].Parameters);
        Assert.True(MaxDifference(single.Parameters, parallel[1].Parameters) <= 1e-12);
    }

    [Fact]
    public void A_batch_source_is_sharded_by_the_trainer_and_gives_the_same_run()
    {
        var (x, y) = Data<double>(300);
        Run FromSource(ICommunicator c)
        {
            var model = Model<double>(1);
            var source = new TensorBatchSource<double>(x, y, 64, new NumpyRandom(5)); // the whole batches, as a user would pass
            var history = model.Fit(source, Loss.BinaryCrossEntropy, new Adam(0.01), new TrainingOptions { Epochs = 4, Communicator = c });
            return new Run(Flatten(model), history.Costs.Select(s => s.Cost).ToArray());
        }
        var single = FromSource(SingleProcess.Instance);
        var parallel = ThreadGroup.Run(2, FromSource);
        Assert.Equal(parallel[0].Parameters, parallel[1].Parameters);
        Assert.True(MaxDifference(single.Parameters, parallel[0].Parameters) <= 1e-12);
    }

    [Fact]
    public void Batch_norm_statistics_are_rank_0s_on_every_rank_after_each_epoch()
    {
        var (x, y) = Data<double>(256);
        var stats = ThreadGroup.Run(2, c =>
        {
            var norm = new BatchNorm<double>(8);
            var model = new Sequential<double>(new Dense<double>(2, 8, Activation.Linear), norm, new Dense<double>(8, 1, Activation.Sigmoid));
            model.Initialize(Initializer.Xavier, new NumpyRandom(1));
            model.Fit(x, y, Loss.BinaryCrossEntropy, new Adam(0.01), TrainingOptions.MiniBatch(2, 64, new NumpyRandom(2)) with { Communicator = c },
                x, y);
            return norm.RunningMean.ToArray().Concat(norm.RunningVariance.ToArray()).ToArray();
        });
        Assert.Equal(stats[0], stats[1]);
    }

    [Fact]
    public void A_cancellation_on_one_rank_stops_every_rank_after_the_same_step()
    {
        var (x, y) = Data<double>(400);
        using var cancel = new CancellationTokenSource();
        var steps = ThreadGroup.Run(2, c =>
        {
            var stopper = new CancelAt(c.Rank == 1 ? 5 : -1, cancel);
            var options = TrainingOptions.MiniBatch(10, 32, new NumpyRandom(2)) with
            {
                Communicator = c, Callbacks = [stopper], Cancellation = c.Rank == 1 ? cancel.Token : CancellationToken.None,
            };
            var history = Model<double>(1).Fit(x, y, Loss.BinaryCrossEntropy, new Adam(0.01), options);
            return (history.StepsCompleted, history.StopKind);
        });
        Assert.Equal(steps[0], steps[1]);
        Assert.Equal(StopKind.Cancelled, steps[0].StopKind);
    }

    [Fact]
    public void Only_rank_0_writes_checkpoints()
    {
        var (x, y) = Data<double>(128);
        var saved = ThreadGroup.Run(2, c =>
        {
            int saves = 0;
            var options = TrainingOptions.MiniBatch(4, 32, new NumpyRandom(2)) with { Communicator = c, Callbacks = [new Checkpointer(1, _ => saves++)] };
            Model<double>(1).Fit(x, y, Loss.BinaryCrossEntropy, new Adam(0.01), options);
            return saves;
        });
        Assert.Equal([3, 0], saved);
    }

    [Fact]
    public void Ranks_that_hold_different_data_fail_alike_with_a_message_instead_of_hanging()
    {
        var error = Assert.Throws<AggregateException>(() => ThreadGroup.Run(2, c =>
        {
            var (x, y) = Data<double>(c.Rank == 0 ? 100 : 120);
            return Train(Model<double>(1), x, y, 32, c);
        }));
        Assert.Contains("do not train the same run", error.InnerException!.Message);
    }

    [Fact]
    public void Each_rank_draws_its_own_dropout_masks_and_the_replicas_still_agree_bit_for_bit()
    {
        var (x, y) = Data<double>(256);
        var runs = ThreadGroup.Run(2, c =>
        {
            var model = WithDropout(1);
            var run = Train(model, x, y, 64, c);
            return (run, Stream: model.Layers.OfType<Dropout<double>>().Single().Stream);
        });
        Assert.Equal(runs[0].run.Parameters, runs[1].run.Parameters);
        Assert.Equal([0, 1], runs.Select(r => r.Stream));

        // The same batch k gives rank 0 and rank 1 different masks, and each rank the same mask again.
        var ones = Tensor<double>.Ones(32, 8);
        double[] Mask(int stream)
        {
            var dropout = new Dropout<double>(0.5, seed: 4) { Batches = 3, Stream = stream };
            dropout.Train();
            using (Backprop.Autograd.Graph.NoGrad()) return dropout.Forward(ones).ToArray();
        }
        Assert.NotEqual(Mask(0), Mask(1));
        Assert.Equal(Mask(1), Mask(1));
    }

    private static Sequential<double> WithDropout(uint seed)
    {
        var model = new Sequential<double>(new Dense<double>(2, 8, Activation.Tanh), new Dropout<double>(0.3, 9), new Dense<double>(8, 1, Activation.Sigmoid));
        model.Initialize(Initializer.Xavier, new NumpyRandom(seed));
        return model;
    }

    internal sealed record Run(double[] Parameters, double[] Costs);

    internal static Run Train<T>(Sequential<T> model, Tensor<T> x, Tensor<T> y, int batch, ICommunicator communicator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var options = TrainingOptions.MiniBatch(6, batch, new NumpyRandom(2)) with { Communicator = communicator };
        var history = model.Fit(x, y, Loss.BinaryCrossEntropy, new Adam(0.01), options);
        return new Run(Flatten(model), history.Costs.Select(s => s.Cost).ToArray());
    }

    /// <summary>The planar flower's first <paramref name="examples"/> points (both classes, shuffled by the generator).</summary>
    internal static (Tensor<T> X, Tensor<T> Y) Data<T>(int examples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = Planar.Generate<T>(pointsPerClass: (examples + 1) / 2);
        var rows = Enumerable.Range(0, examples).Select(i => i % 2 == 0 ? i / 2 : data.Count / 2 + i / 2).ToArray();
        return (data.X.GatherRows(rows), data.Y.GatherRows(rows));
    }

    internal static Sequential<T> Model<T>(uint seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = Sequential<T>.FromLayerDims([2, 8, 4, 1], Activation.Tanh, Activation.Sigmoid);
        model.Initialize(Initializer.Xavier, new NumpyRandom(seed));
        return model;
    }

    internal static double[] Flatten<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.Parameters.SelectMany(p => p.Value.ToArray()).Select(v => double.CreateChecked(v)).ToArray();

    internal static double MaxDifference(double[] a, double[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
    }

    /// <summary>Cancels <paramref name="source"/> at the end of step <paramref name="step"/> (never when negative).</summary>
    private sealed class CancelAt(int step, CancellationTokenSource source) : ITrainingCallback
    {
        public void OnStepEnd(TrainingContext context, StepResult result)
        {
            if (result.Step == step) source.Cancel();
        }
    }
}
