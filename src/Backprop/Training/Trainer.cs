using System.Numerics;
using Backprop.Autograd;
using Backprop.Distributed;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training.Callbacks;

namespace Backprop.Training;

/// <summary>The training loop of the course, for any module tree: repeat { Ŷ = forward(X); J = loss(Ŷ, Y);
/// dθ = J.Backward() on the graph; θ ← optimiser(θ, dθ) }. Built-in ops reuse their nodes and buffers from step to step
/// (see <see cref="Autograd.NodePool{T, TNode}"/>), so a steady-state step allocates nothing.
/// Events go to subscribers (<see cref="ITrainingCallback"/>); a non-finite cost always stops training and restores
/// the last parameters that gave a finite cost. With a <see cref="TrainingOptions.Communicator"/> of N ranks each rank
/// computes dθ on its shard of every global batch and <see cref="DataParallelSync{T}"/> averages them (see there).</summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> on X [m × n0] and Y [m × nL] and returns the cost history.</summary>
    public static TrainingHistory Fit<T>(this Module<T> model, Tensor<T> x, Tensor<T> y, ILoss loss, IOptimizer optimizer,
        TrainingOptions options, Tensor<T>? validationX = null, Tensor<T>? validationY = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckData(x, y, "Training");
        int m = x.Dim(0);
        options.Validate(m);
        int batch = Math.Min(options.BatchSize ?? m, m);
        var shard = Shard.Of(options.Communicator);
        if (validationX is not null || validationY is not null) CheckData(validationX!, validationY!, "Validation");
        Func<double>? validation = validationX is null ? null : () => ValidationCost(model, loss, validationX, validationY!);
        return Loop(model, new TensorBatchSource<T>(x, y, batch, options.Shuffle, shard), loss, optimizer, options, validation);
    }

    /// <summary>Trains <paramref name="model"/> on the batches of <paramref name="batches"/> (an image folder streamed from
    /// disk, say) and returns the cost history. The source decides batch size and order, so
    /// <see cref="TrainingOptions.BatchSize"/> and <see cref="TrainingOptions.Shuffle"/> must be left unset. With several ranks
    /// the source gives the global batches (the same on every rank) and each rank takes its shard of them
    /// (<see cref="ShardedBatchSource{T}"/>), unless the source already hands out this rank's shard.</summary>
    public static TrainingHistory Fit<T>(this Module<T> model, IBatchSource<T> batches, ILoss loss, IOptimizer optimizer,
        TrainingOptions options, Tensor<T>? validationX = null, Tensor<T>? validationY = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (validationX is not null || validationY is not null) CheckData(validationX!, validationY!, "Validation");
        return FitSource(model, batches, loss, optimizer, options, validationX is null ? null : () => ValidationCost(model, loss, validationX, validationY!));
    }

    /// <summary>Trains on <paramref name="batches"/> with the validation cost of each epoch computed over
    /// <paramref name="validation"/>'s batches (a source kept open across epochs: an image stream's cache serves them all).</summary>
    public static TrainingHistory Fit<T>(this Module<T> model, IBatchSource<T> batches, ILoss loss, IOptimizer optimizer,
        TrainingOptions options, IBatchSource<T> validation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(validation);
        return FitSource(model, batches, loss, optimizer, options, () => model.Cost(validation, loss));
    }

    private static TrainingHistory FitSource<T>(Module<T> model, IBatchSource<T> batches, ILoss loss, IOptimizer optimizer,
        TrainingOptions options, Func<double>? validationCost) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (options.BatchSize is not null || options.Shuffle is not null)
            throw new ArgumentException("A batch source decides batch size and shuffling; leave TrainingOptions.BatchSize and Shuffle unset.", nameof(options));
        options.Validate(batches.Count);
        var shard = Shard.Of(options.Communicator);
        if (!shard.IsWhole && batches.Shard.IsWhole) batches = new ShardedBatchSource<T>(batches, shard);
        if (batches.Shard != shard) throw new ArgumentException($"The batch source hands out the shard of {batches.Shard}, but this process is {shard}.", nameof(batches));
        return Loop(model, batches, loss, optimizer, options, validationCost);
    }

    private static TrainingHistory Loop<T>(Module<T> model, IBatchSource<T> batches, ILoss loss, IOptimizer optimizer,
        TrainingOptions options, Func<double>? validationCost) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        loss.CheckOutput(model.OutputActivation);
        model.Train(); // dropout drops and batch norm uses batch statistics while fitting; evaluation switches back per call
        int stepsPerEpoch = batches.BatchesPerEpoch;
        int totalSteps = checked(options.Epochs * stepsPerEpoch);

        foreach (var seeded in model is IBatchSeeded self ? [self] : model.Descendants().OfType<IBatchSeeded>())
            seeded.Stream = options.Communicator.Rank; // each rank draws its own dropout masks and augmentations
        var sync = DataParallelSync<T>.For(options.Communicator, model, options.GradientBucketBytes);
        sync?.CheckSameRun(batches.Count, stepsPerEpoch);
        sync?.BroadcastState();
        var snapshots = new ParameterSnapshots<T>(model.Parameters);
        var context = new TrainingContext(totalSteps, stepsPerEpoch, options.Epochs, snapshots.Capture, snapshots.Restore,
            s => ParameterSnapshots<T>.CaptureInto(model.Parameters, s), options.Communicator.Rank, options.Communicator.Size);
        var callbacks = new List<ITrainingCallback> { new NonFiniteCostGuard() };
        callbacks.AddRange(options.Callbacks);
        var history = new TrainingHistory();
        // Sized once, so that recording costs never allocates inside the loop (full batch has one epoch per step).
        history.Epochs.Capacity = Math.Min(options.Epochs, 1 << 20);
        history.Costs.Capacity = Math.Min(totalSteps / options.RecordCostEvery + 2, 1 << 20);

        foreach (var c in callbacks) c.OnTrainingStart(context);
        int step = options.StartStep;
        for (int epoch = step / stepsPerEpoch; epoch < options.Epochs && !context.StopRequested; epoch++)
        {
            context.Epoch = epoch;
            batches.StartEpoch();
            double epochCost = 0;
            int epochSteps = 0;
            for (int b = 0; b < stepsPerEpoch && !context.StopRequested; b++)
            {
                var (xb, yb) = batches.Batch(b);
                if (epoch * stepsPerEpoch + b < step) continue; // resuming inside an epoch
                context.Step = step;
                model.ZeroGrad();
                Graph.BeginStep();
                int rows = Math.Min(batches.BatchSize, batches.Count - b * batches.BatchSize); // the global batch's
                Tensor<T>? j = null;
                double cost;
                bool cancelled = false;
                if (sync is null)
                {
                    j = loss.Compute(model.Forward(xb), yb);
                    cost = double.CreateChecked(j.ToScalar());
                }
                else (cost, cancelled) = ShardStep(model, loss, xb, yb, rows, sync, options.Cancellation.IsCancellationRequested);
                var result = new StepResult(step, epoch, cost, rows);
                foreach (var c in callbacks) c.OnCost(context, result);
                if (context.StopRequested) break;
                if (step % options.RecordCostEvery == 0 || step == totalSteps - 1) history.Costs.Add((step, cost));
                j?.Backward();
                optimizer.Step(model.Parameters);
                step++;
                epochCost += cost;
                epochSteps++;
                foreach (var c in callbacks) c.OnStepEnd(context, result);
                if (sync is null ? options.Cancellation.IsCancellationRequested : cancelled) context.Stop(StopKind.Cancelled, "cancelled");
            }
            if (epochSteps == 0) break;
            sync?.BroadcastBuffers(); // rank 0's batch-norm statistics, so validation agrees on every rank
            double? validation = validationCost?.Invoke();
            var epochResult = new EpochResult(epoch, epochCost / epochSteps, validation);
            history.Epochs.Add(epochResult);
            foreach (var c in callbacks) c.OnEpochEnd(context, epochResult);
        }
        foreach (var c in callbacks) c.OnTrainingEnd(context);
        history.StopReason = context.StopReason;
        history.StopKind = context.StopKind;
        history.StepsCompleted = step;
        history.Elapsed = context.Clock.Elapsed;
        return history;
    }

    /// <summary>One rank's step of data-parallel training: forward and backward on its <paramref name="x"/> rows of the
    /// global batch's <paramref name="rows"/> (none: it adds zeros), then the all-reduce that leaves every rank with the
    /// global batch's ∂J/∂θ and J, and whether any rank was cancelled. The cost is known only after backward, so a
    /// callback that stops at <see cref="ITrainingCallback.OnCost"/> stops after the backward pass (before the update).</summary>
    private static (double Cost, bool Cancelled) ShardStep<T>(Module<T> model, ILoss loss, Tensor<T> x, Tensor<T> y, int rows,
        DataParallelSync<T> sync, bool cancelled) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double local = 0;
        if (x.Dim(0) > 0)
        {
            var j = loss.Compute(model.Forward(x), y);
            local = double.CreateChecked(j.ToScalar());
            j.Backward();
        }
        return sync.AverageGradients(x.Dim(0), rows, local, cancelled);
    }

    /// <summary>J on other data in evaluation mode, without recording a graph.</summary>
    public static double ValidationCost<T>(Module<T> model, ILoss loss, Tensor<T> x, Tensor<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> => model.Cost(x, y, loss);

    private static void CheckData<T>(Tensor<T> x, Tensor<T> y, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x is null || y is null) throw new ArgumentException($"{what} data needs both X and Y.");
        if (x.Rank == 0 || y.Rank == 0 || y.Dim(0) != x.Dim(0))
            throw new ArgumentException($"{what} X has shape {ShapeMath.Format(x.Shape)} and Y {ShapeMath.Format(y.Shape)}; both need one row per example.");
    }
}
