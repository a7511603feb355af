using Backprop.Training;
using Backprop.Training.Callbacks;
using Spectre.Console;

namespace Backprop.Cli.Output;

/// <summary>How training shows itself: a live progress bar (step, cost, validation cost, time left) on a terminal,
/// plain lines when output is redirected, nothing with --quiet or --json.</summary>
public sealed class TrainingDisplay(OutputMode mode, TextWriter err)
{
    /// <summary>Runs <paramref name="train"/>, giving it the callback that draws progress.</summary>
    public T Run<T>(string title, Func<ITrainingCallback?, T> train)
    {
        if (mode is OutputMode.Quiet or OutputMode.Json) return train(null);
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
            return train(new ProgressReporter(new PlainLines(err), TimeSpan.FromSeconds(2)));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title));
                var bar = new ActionProgress<TrainingProgress>(p =>
                {
                    task.MaxValue = p.TotalSteps;
                    task.Value = p.Step;
                    var validation = p.ValidationCost is { } v ? $", val {v:F4}" : "";
                    task.Description = Markup.Escape($"{title} epoch {p.Epoch}/{p.TotalEpochs}, cost {p.Cost:F4}{validation}");
                });
                result = train(new ProgressReporter(bar, TimeSpan.FromMilliseconds(100)));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class ActionProgress<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }

    private sealed class PlainLines(TextWriter err) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            var validation = p.ValidationCost is { } v ? $"  validation {v:F6}" : "";
            err.WriteLine($"step {p.Step}/{p.TotalSteps}  epoch {p.Epoch}/{p.TotalEpochs}  cost {p.Cost:F6}{validation}  elapsed {p.Elapsed:mm\\:ss}  left {p.Remaining:mm\\:ss}");
        }
    }
}

/// <summary>--quiet: results only; --json: one JSON object on stdout; otherwise human output with progress.</summary>
public enum OutputMode { Human, Quiet, Json }
