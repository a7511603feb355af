using Backprop.Data;
using Spectre.Console;

namespace Backprop.Cli.Output;

/// <summary>How downloads show themselves: a Spectre.Console bar per file on a terminal, a line per file when stderr is
/// redirected, nothing when quiet.</summary>
public static class DownloadDisplay
{
    /// <summary>Runs <paramref name="fetch"/> with a downloader whose progress is drawn; returns its result.</summary>
    public static T Run<T>(bool quiet, TextWriter err, Uri? mirror, Func<DatasetDownloader, T> fetch)
    {
        if (quiet) return fetch(new DatasetDownloader(mirror: mirror));
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
            return fetch(new DatasetDownloader(mirror: mirror) { Progress = new Lines(err) });
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var bars = new Bars(p =>
                {
                    if (!tasks.TryGetValue(p.File, out var task)) tasks[p.File] = task = ctx.AddTask(Markup.Escape(p.File));
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                result = fetch(new DatasetDownloader(mirror: mirror) { Progress = bars });
            });
        return result;
    }

    private sealed class Bars(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    /// <summary>Redirected output: one line when a file starts and one when it is complete.</summary>
    private sealed class Lines(TextWriter err) : IProgress<DownloadProgress>
    {
        private string? _file;

        public void Report(DownloadProgress p)
        {
            if (p.File != _file) { _file = p.File; err.WriteLine(p.Done > 0 ? $"downloading {p.File}, resuming at {p.Done:N0} bytes" : $"downloading {p.File} ({p.Total:N0} bytes)"); }
            if (p.Total > 0 && p.Done == p.Total) err.WriteLine($"downloaded {p.File}");
        }
    }
}
