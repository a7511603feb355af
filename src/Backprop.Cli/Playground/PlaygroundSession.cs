using System.Diagnostics;
using System.Threading.Channels;

namespace Backprop.Cli.Playground;

/// <summary>One page's training: a network trained on a background task that owns it (commands from requests are queued
/// to that task, so nothing is shared between threads but immutable frames). While playing it runs one epoch per update,
/// at most <see cref="MaxUpdatesPerSecond"/> a second, and publishes a <see cref="Frame"/> after each; the event streams
/// send the newest frame and skip the ones a slow page had no time for.</summary>
public sealed class PlaygroundSession : IDisposable
{
    public const int MaxUpdatesPerSecond = 60;

    private readonly Channel<Action> _commands = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DataSource? _startupData;
    private DataSource? _uploaded;
    private PlaygroundNetwork _network = null!;
    private PointSet _points = null!;
    private Frame? _latest;
    private bool _playing;
    private string? _message;
    private int _generation, _dataVersion;
    private long _version;
    private int _listeners;
    private long _lastSeen = Stopwatch.GetTimestamp();

    public PlaygroundSession(string id, PlaygroundSettings settings, DataSource? startupData)
    {
        Id = id;
        _startupData = startupData;
        Rebuild(settings.Validate());
        Loop = Task.Run(RunAsync);
    }

    public string Id { get; }
    public Task Loop { get; }
    public PointSet Points => Volatile.Read(ref _points);
    public Frame? Latest => Volatile.Read(ref _latest);
    public bool IsStopped => _stop.IsCancellationRequested;

    /// <summary>Seconds since an event stream last watched this session or its page last asked something (0 while a stream is open).</summary>
    public double IdleSeconds => Volatile.Read(ref _listeners) > 0 ? 0 : Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSeen)).TotalSeconds;

    public void Attach() { Interlocked.Increment(ref _listeners); Touch(); }
    public void Detach() { Interlocked.Decrement(ref _listeners); Touch(); }
    /// <summary>Marks the session as seen now (any request from its page).</summary>
    public void Touch() => Volatile.Write(ref _lastSeen, Stopwatch.GetTimestamp());

    /// <summary>Runs <paramref name="work"/> on the training task and returns its result (or its exception).</summary>
    public Task<T> Ask<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (IsStopped || !_commands.Writer.TryWrite(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        })) done.TrySetException(new PlaygroundException("this session has ended; reload the page"));
        return done.Task;
    }

    public Task<bool> Play() => Ask(() => { _message = null; _playing = true; return true; });
    public Task<bool> Pause() => Ask(() => { _playing = false; Publish(); return true; });
    public Task<bool> Step() => Ask(() => { _playing = false; Train(); return true; });
    public Task<bool> Reset() => Ask(() => { Rebuild(_network.Settings); return true; });
    public Task<byte[]> SaveModel() => Ask(() => PlaygroundModelFile.Save(_network));
    public Task<string> DataCsv() => Ask(() => _network.Data.ToCsv());

    /// <summary>New settings: a new network when the data or the architecture changed, else the same weights trained on.</summary>
    public Task<bool> Update(PlaygroundSettings settings) => Ask(() =>
    {
        if (_network.Settings.NeedsReset(settings)) Rebuild(settings, keepPlaying: true);
        else { _network.ApplyTrainingSettings(settings); Publish(); }
        return true;
    });

    /// <summary>Trains on the user's table from now on (dataset "csv").</summary>
    public Task<bool> Upload(DataSource data) => Ask(() =>
    {
        _uploaded = data;
        Rebuild(_network.Settings with { Dataset = "csv" });
        return true;
    });

    /// <summary>The newest frame after <paramref name="after"/>; waits for one.</summary>
    public async Task<Frame> NextFrame(long after, CancellationToken cancel)
    {
        while (true)
        {
            var signal = Volatile.Read(ref _signal);
            if (Latest is { } frame && frame.Version > after) return frame;
            await signal.Task.WaitAsync(cancel).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _commands.Writer.TryComplete();
    }

    /// <summary>A new network (and data) for <paramref name="settings"/>; training goes on when it was playing and
    /// <paramref name="keepPlaying"/> (a changed setting), and pauses otherwise (the reset button).</summary>
    private void Rebuild(PlaygroundSettings settings, bool keepPlaying = false)
    {
        var data = settings.Dataset == "csv"
            ? _uploaded ?? _startupData ?? throw new PlaygroundException("no CSV yet: upload one, or start the playground with --data FILE.csv --target COLUMN")
            : DataSource.Toy(settings.Dataset, settings.Noise, settings.Seed);
        _network = new PlaygroundNetwork(settings, data);
        _generation++;
        _dataVersion++;
        _playing = keepPlaying && _playing;
        _message = null;
        Volatile.Write(ref _points, new PointSet(_dataVersion, data.Name, data.IsRegression, data.Columns, data.Target,
            PlaygroundNetwork.Triples(_network.TrainPoints, data.IsRegression), PlaygroundNetwork.Triples(_network.TestPoints, data.IsRegression)));
        Publish();
    }

    private void Train()
    {
        if (!_network.RunEpoch() && _playing)
        {
            _playing = false;
            _message = "the cost is no longer a finite number (the last finite weights were kept): lower the learning rate and press reset";
        }
        Publish();
    }

    private void Publish()
    {
        var (train, test) = _network.Costs();
        if (!double.IsFinite(train) && _playing)
        {
            _playing = false;
            _message = "the cost is no longer a finite number: lower the learning rate and press reset";
        }
        var (output, layers) = _network.Maps();
        var frame = new Frame(++_version, _generation, _dataVersion, _network.Epoch, _network.Steps, Finite(train), Finite(test), _playing, _message,
            output, layers, _network.Shapes());
        Volatile.Write(ref _latest, frame);
        Interlocked.Exchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : -1;

    private async Task RunAsync()
    {
        var token = _stop.Token;
        var reader = _commands.Reader;
        try
        {
            while (!token.IsCancellationRequested)
            {
                while (reader.TryRead(out var command)) command();
                if (!_playing)
                {
                    if (!await reader.WaitToReadAsync(token).ConfigureAwait(false)) break;
                    continue;
                }
                long start = Stopwatch.GetTimestamp();
                try { Train(); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
                {
                    _playing = false;
                    _message = $"training stopped: {e.Message}";
                }
                var wait = TimeSpan.FromSeconds(1.0 / MaxUpdatesPerSecond) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        catch (ChannelClosedException) { }
        finally
        {
            _stop.Cancel();
            while (reader.TryRead(out var command)) command();
        }
    }
}
