using System.Text.Json;
using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Callbacks;

namespace Backprop.Cli.Training;

/// <summary>One <c>backprop train</c>: load and prepare the data, hold out validation data for early stopping, build the
/// network, train with a live display (Ctrl-C stops after the current step and keeps the model so far), evaluate on the
/// held-out test data, and write the model atomically with everything predict needs in its metadata.</summary>
public static class TrainRun
{
    public static int Execute(TrainSettings s, TextWriter stdout, TextWriter stderr)
    {
        CheckOutputFolder(s.Out);
        if (s.CostPlotPath is not null) CheckOutputFolder(s.CostPlotPath);
        var data = DataSources.LoadForTraining(s);
        if (s.Mode == OutputMode.Human) foreach (var note in data.Notes) stderr.WriteLine(note);
        var train = data.Train;
        Dataset<float>? validation = null;
        bool useValidation = s.Iterations is null && s.ValidationSplit > 0 && s.EarlyStopping > 0 && train.Count >= 20;
        if (useValidation) (train, validation) = SplitOff(train, s.ValidationSplit, s.Seed + 7);

        var (output, loss) = (data.Task.OutputActivation, data.Task.Loss);
        var hidden = s.Hidden ?? NetworkPlan.DefaultHidden(train.FeatureCount);
        var init = s.Initializer ?? (s.HiddenActivation.Name.StartsWith("relu", StringComparison.Ordinal) || s.HiddenActivation.Name.StartsWith("leaky", StringComparison.Ordinal)
            ? Backprop.Initializers.Initializer.He : Backprop.Initializers.Initializer.Xavier);
        // The plan's tuned default for the adaptive optimisers; the library's own default otherwise.
        double lr = s.LearningRate ?? (s.Optimizer is "adam" or "rmsprop" ? NetworkPlan.DefaultAdaptiveRate : Optimizer.DefaultLearningRate(s.Optimizer));
        var plan = new NetworkPlan([train.FeatureCount, .. hidden, data.Outputs], s.HiddenActivation, output, init, loss, s.Optimizer, lr);
        var model = ConvNetPlan.Choose(s, data) is { } image ? ConvNetPlan.Build(image, data.Outputs, output, s.Seed) : plan.Build(s.Seed);
        IOptimizer optimizer = plan.CreateOptimizer();
        if (s.L2 > 0) optimizer = L2Regularization.FromCourse(optimizer, s.L2, train.Count);
        var shuffle = new NumpyRandom(s.Seed + 1);
        var resumed = s.Resume is null ? null : Resume(s.Resume, model, optimizer, shuffle);
        int startStep = resumed?.StepsCompleted ?? 0;

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        var callbacks = new List<ITrainingCallback>();
        EarlyStopping? early = validation is not null ? new EarlyStopping(s.EarlyStopping) : null;
        if (early is not null)
        {
            if (resumed?.EarlyStopping is { } saved) callbacks.Add(saved.ResumeInto(early, model, s.Resume!));
            callbacks.Add(early);
        }
        if (s.CheckpointEvery > 0)
            callbacks.Add(new Checkpointer(s.CheckpointEvery, (at, context) => ModelFile.Save(s.CheckpointPath, model, new Dictionary<string, string>(data.Metadata)
            {
                ["task"] = data.Task.Name,
                [CheckpointState.MetadataKey] = new CheckpointState(at.StepsCompleted, at.EpochsCompleted,
                    Optimizer.ExportState(optimizer, model.Parameters), shuffle.SaveState(),
                    early is null ? null : EarlyStoppingCheckpoint.Capture(early, context, model)).ToJson(),
            })));
        var options = (s.Iterations is { } iterations
            ? TrainingOptions.FullBatch(iterations, Math.Max(1, iterations / 200))
            : TrainingOptions.MiniBatch(s.Epochs ?? DefaultEpochs(train.Count, s.BatchSize), s.BatchSize, shuffle, Math.Max(1, (train.Count + s.BatchSize - 1) / s.BatchSize / 4)))
            with { Cancellation = cancel.Token, StartStep = startStep };
        TrainingHistory history;
        try
        {
            history = new TrainingDisplay(s.Mode, stderr).Run($"training {data.Task.Name}", progress =>
            {
                var all = progress is null ? callbacks : [.. callbacks, progress];
                return model.Fit(train.X, train.Y, loss, optimizer, options with { Callbacks = all }, validation?.X, validation?.Y);
            });
        }
        finally { Console.CancelKeyPress -= onCancel; }

        var report = RunReport.Create(model, data, train, validation, history, plan, s);
        bool diverged = history.StopReason?.StartsWith("the cost became", StringComparison.Ordinal) == true;
        if (diverged)
        {
            // A failed run never writes or overwrites --out; the last finite parameters go beside it for inspection.
            ModelFile.Save(s.DivergedPath, model, report.Metadata(data));
            report.Print(stdout, s with { Out = s.DivergedPath, NoPlot = true, Plot = null }, []);
            stderr.WriteLine($"backprop: {history.StopReason} {s.Out} was not written; the last finite parameters were kept in {s.DivergedPath}.");
            return 1;
        }
        ModelFile.Save(s.Out, model, report.Metadata(data));
        var plots = Plotting.Write(s, data, model, history, report);
        report.Print(stdout, s, plots);
        return 0;
    }

    /// <summary>Restores parameters, optimiser state and the shuffling generator from a checkpoint; returns its state.</summary>
    private static CheckpointState Resume(string path, Sequential<float> model, IOptimizer optimizer, NumpyRandom shuffle)
    {
        if (!File.Exists(path)) throw CliException.BadInput($"--resume '{path}': no such file.");
        var loaded = ModelFile.Load<float>(path);
        var state = CheckpointState.FromMetadata(loaded.Metadata, path);
        if (!loaded.LayerDims.SequenceEqual(model.LayerDims))
            throw CliException.BadInput($"--resume '{path}': the checkpoint's layers [{string.Join(", ", loaded.LayerDims)}] differ from this run's [{string.Join(", ", model.LayerDims)}]; use the same data and flags.");
        for (int i = 0; i < model.Parameters.Count; i++) model.Parameters[i].Value.CopyFrom(loaded.Model.Parameters[i].Value);
        try
        {
            Optimizer.ImportState(optimizer, model.Parameters, state.Optimizer);
            shuffle.RestoreState(state.Shuffle);
        }
        catch (ArgumentException e)
        {
            throw CliException.BadInput($"--resume '{path}': {e.Message} Use the same --optimizer and flags as the run that wrote it.");
        }
        return state;
    }

    /// <summary>About 12000 gradient steps, at least 10 and at most 1000 epochs: small tables get many passes, MNIST a few.</summary>
    internal static int DefaultEpochs(int examples, int batchSize)
    {
        int stepsPerEpoch = (examples + batchSize - 1) / batchSize;
        return Math.Clamp((12000 + stepsPerEpoch - 1) / stepsPerEpoch, 10, 1000);
    }

    private static void CheckOutputFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw CliException.BadInput($"cannot write '{path}': folder '{folder}' does not exist.");
        if (Directory.Exists(path)) throw CliException.BadInput($"cannot write '{path}': it is a folder.");
    }

    internal static (Dataset<float> Kept, Dataset<float> Held) SplitOff(Dataset<float> data, double fraction, uint seed)
    {
        int held = Math.Clamp((int)Math.Ceiling(fraction * data.Count), 1, data.Count - 1);
        var order = new NumpyRandom(seed).Permutation(data.Count);
        return (data.Take(order.AsSpan(held)), data.Take(order.AsSpan(0, held)));
    }
}
