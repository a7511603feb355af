using System.Numerics;
using Backprop.Autograd;
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
/// the last parameters that gave a finite cost.</summary>
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
        return Loop(model, new TensorBatchSource<T>(x, y, batch, options.Shuffle), loss, optimizer, options, validationX, validationY);
    }

    /// <summary>Trains <paramref name="model"/> on the batches of <paramref name="batches"/> (an image folder streamed from
    /// disk, say) and returns the cost history. The source decides batch size and order, so
    /// <see cref="TrainingOptions.BatchSize"/> and <see cref="TrainingOptions.Shuffle"/> must be left unset.</summary>
    public static TrainingHistory Fit<T>(this Module<T> model, IBatchSource<T> batches, ILoss loss, IOptimizer optimizer,
        TrainingOptions options, Tensor<T>? validationX = null, Tensor<T>? validationY = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (options.BatchSize is not null || options.Shuffle is not null)
            throw new ArgumentException("A batch source decides batch size and shuffling; leave TrainingOptions.BatchSize and Shuffle unset.", nameof(options));
        options.Validate(batches.Count);
        return Loop(model, batches, loss, optimizer, options, validationX, validationY);
    }

    private static TrainingHistory Loop<T>(Module<T> model, IBatchSource<T> batches, ILoss loss, IOptimizer optimizer,
        TrainingOptions options, Tensor<T>? validationX, Tensor<T>? validationY) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        loss.CheckOutput(model.OutputActivation);
        model.Train(); // dropout drops and batch norm uses batch statistics while fitting; evaluation switches back per call
        if (validationX is not null || validationY is not null) CheckData(validationX!, validationY!, "Validation");
        int stepsPerEpoch = batches.BatchesPerEpoch;
        int totalSteps = checked(options.Epochs * stepsPerEpoch);

        var snapshots = new ParameterSnapshots<T>(model.Parameters);
        var context = new TrainingContext(totalSteps, stepsPerEpoch, options.Epochs, snapshots.Capture, snapshots.Restore,
            s => ParameterSnapshots<T>.CaptureInto(model.Parameters, s));
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
                var j = loss.Compute(model.Forward(xb), yb);
                double cost = double.CreateChecked(j.ToScalar());
                var result = new StepResult(step, epoch, cost, xb.Dim(0));
                foreach (var c in callbacks) c.OnCost(context, result);
                if (context.StopRequested) break;
                if (step % options.RecordCostEvery == 0 || step == totalSteps - 1) history.Costs.Add((step, cost));
                j.Backward();
                optimizer.Step(model.Parameters);
                step++;
                epochCost += cost;
                epochSteps++;
                foreach (var c in callbacks) c.OnStepEnd(context, result);
                if (options.Cancellation.IsCancellationRequested) context.Stop(StopKind.Cancelled, "cancelled");
            }
            if (epochSteps == 0) break;
            double? validationCost = validationX is null ? null : ValidationCost(model, loss, validationX, validationY!);
            var epochResult = new EpochResult(epoch, epochCost / epochSteps, validationCost);
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
