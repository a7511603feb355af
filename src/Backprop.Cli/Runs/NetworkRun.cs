using Backprop.Cli.Inputs;
using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Defaults;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;
using Backprop.Training.Callbacks;

namespace Backprop.Cli.Runs;

/// <summary>One network run on a table or on images: load and prepare the data, hold out validation data for early
/// stopping, build the network of <see cref="NetworkPlan"/>, train with a live display (Ctrl-C stops after the current
/// step and keeps the model so far), evaluate on the held-out test data, and write the model atomically with everything
/// predict needs in its metadata.</summary>
public static class NetworkRun
{
    /// <summary>The flags every network run honours; the input kind adds its own (<see cref="HonouredBy"/>).</summary>
    private static readonly string[] Common =
    [
        "--data", "--task", "--model", "--augment", "--layers", "--activation", "--init", "--optimizer", "--lr", "--iterations", "--epochs",
        "--batch-size", "--l2", "--seed", "--test-split", "--validation-split", "--early-stopping", "--strict",
        "--checkpoint-every", "--resume", "--out", "--plot", "--no-plot", "--distributed", "--quiet", "--json",
    ];

    /// <summary>The flags a network run on <paramref name="kind"/> data honours.</summary>
    public static IReadOnlySet<string> HonouredBy(InputKind kind) => kind switch
    {
        CsvInput => new HashSet<string>([.. Common, "--target", "--keep", "--categorical", "--drop-missing"]),
        Hdf5Input => new HashSet<string>([.. Common, "--x-key", "--y-key"]),
        ImageFolderInput => new HashSet<string>([.. Common, "--image-size", "--skip-bad-images"]),
        _ => new HashSet<string>(Common),
    };

    public static RunOutcome Execute(TrainSettings s, ResolvedInput input, TextWriter stdout, TextWriter stderr)
    {
        s.RequireOnly(HonouredBy(input.Kind), $"{input.Kind.Name} data", input.Path);
        if (s.Iterations is not null && s.Given.Contains("--validation-split"))
            throw CliException.Usage("--validation-split applies to --epochs runs; --iterations trains on the full batch without early stopping.");
        if (s.Iterations is not null && s.Given.Contains("--early-stopping"))
            throw CliException.Usage("--early-stopping applies to --epochs runs; --iterations trains on the full batch without early stopping.");
        RunFiles.CheckOutputFolder(s.Out);
        if (s.CostPlotPath is not null) RunFiles.CheckOutputFolder(s.CostPlotPath);
        var communicator = DistributedRun.Start(s, stderr);
        (s, stdout, stderr) = DistributedRun.Speaker(communicator.Rank, s, stdout, stderr);
        var data = input.Kind.ForNetwork(new InputRequest(input.Path, s.Target ?? input.DefaultTarget, s.Task, s.TestSplit, s.Seed,
            s.XKey, s.YKey, s.DropMissing, s.Keep, s.Categorical, s.Strict, s.ImageSize, s.SkipBadImages));
        foreach (var note in data.ColumnNotes) stderr.WriteLine($"note: {note}");
        if (s.Mode == OutputMode.Human) foreach (var note in data.Notes) stderr.WriteLine(note);

        var train = data.Train;
        var plan = NetworkPlan.For(s, train.Features, data.Outputs, data.Task, data.ImageShape, input.Kind.DefaultAugmentation);
        int patience = plan.EarlyStopping(s);
        if (patience == 0 && s.Given.Contains("--validation-split"))
            throw CliException.Usage("--validation-split holds data out for early stopping, which is off here (the image CNN's default, or --early-stopping 0); give --early-stopping N too.");
        IExampleSet<float>? validation = null;
        bool useValidation = s.Iterations is null && s.ValidationSplit > 0 && patience > 0 && train.Count >= TrainingDefaults.MinExamplesForValidation;
        if (useValidation) (train, validation) = SplitOff(train, s.ValidationSplit, s.Seed + 7);

        var model = plan.Build(s.Seed);
        int batch = s.Iterations is null ? plan.BatchSize(s.BatchSize, train.Count) : train.Count;
        int epochs = s.Iterations ?? s.Epochs ?? plan.DefaultEpochs(train.Count, batch);
        IOptimizer optimizer = plan.CreateOptimizer(epochs, (train.Count + batch - 1) / batch, s.Iterations is null);
        if (s.L2 > 0) optimizer = L2Regularization.FromCourse(optimizer, s.L2, train.Count);
        var shuffle = new NumpyRandom(s.Seed + 1);
        var resumed = s.Resume is null ? null : Checkpoints.Resume(s.Resume, model, optimizer, shuffle);

        var callbacks = new List<ITrainingCallback>();
        EarlyStopping? early = validation is not null ? new EarlyStopping(patience) : null;
        if (early is not null)
        {
            if (resumed?.EarlyStopping is { } saved) callbacks.Add(saved.ResumeInto(early, model, s.Resume!));
            callbacks.Add(early);
        }
        if (s.CheckpointEvery > 0) callbacks.Add(Checkpoints.Writer(s, model, optimizer, shuffle, early, data));
        var options = new TrainingOptions
        {
            Epochs = epochs, RecordCostEvery = s.Iterations is { } iterations ? Math.Max(1, iterations / 200) : Math.Max(1, (train.Count + batch - 1) / batch / 4),
            StartStep = resumed?.StepsCompleted ?? 0, Communicator = communicator,
        };
        if (epochs == 1 && train is ImageFileExamples<float> images) train = images.With(images.Options with { CacheBytes = 0 }); // no later epoch to serve
        using var batches = train.Batches(batch, s.Iterations is null ? shuffle : null);
        using var held = validation?.Batches(TrainingDefaults.PredictionBatchRows(validation.Features), shuffle: null);
        var history = Interruptible.Run(cancel => new TrainingDisplay(s.Mode, stderr).Run($"training {data.Task.Name}", progress =>
        {
            var run = options with { Cancellation = cancel, Callbacks = progress is null ? callbacks : [.. callbacks, progress] };
            return held is null ? model.Fit(batches, plan.Loss, optimizer, run) : model.Fit(batches, plan.Loss, optimizer, run, held);
        }));

        if (batches is ImageFolderBatchSource<float> stream && s.Mode == OutputMode.Human)
            stderr.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Streamed {train.Count} images an epoch; training waited {stream.WaitTime.TotalSeconds:F1} s of {history.Elapsed.TotalSeconds:F1} s for decoding."));
        var outcome = RunOutcome.Of(history);
        if (communicator.Rank != 0) { DistributedRun.Finish(communicator); return outcome; }
        var report = RunReport.Create(model, data, train, validation, history, plan, s, batch);
        var written = RunFiles.Save(s, outcome, model, report.Metadata(data), stderr);
        var plots = outcome.End == RunEnd.Diverged ? [] : Plotting.Write(s, data, model, history, report);
        report.Print(stdout, s.Mode, written, plots);
        DistributedRun.Finish(communicator);
        return outcome;
    }

    internal static (IExampleSet<float> Kept, IExampleSet<float> Held) SplitOff(IExampleSet<float> data, double fraction, uint seed)
    {
        int held = Math.Clamp((int)Math.Ceiling(fraction * data.Count), 1, data.Count - 1);
        var order = new NumpyRandom(seed).Permutation(data.Count);
        return (data.Take(order.AsSpan(held)), data.Take(order.AsSpan(0, held)));
    }
}
