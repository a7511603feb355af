using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Backprop.Cli.Playground;

/// <summary>The live sessions. A session ends when no page has watched it for <see cref="PlaygroundOptions.Grace"/>
/// (tab closed, reloaded, crashed) or when its page says goodbye; a sweep every second finds the first case, so closed
/// tabs leave no training task behind. At most <see cref="PlaygroundOptions.MaxSessions"/> live at once.</summary>
public sealed class SessionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, PlaygroundSession> _sessions = new();
    private readonly PlaygroundOptions _options;
    private readonly Timer _sweeper;

    public SessionRegistry(PlaygroundOptions options)
    {
        _options = options;
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public int Count => _sessions.Count;

    public PlaygroundSession Create(PlaygroundSettings settings)
    {
        Sweep();
        if (_sessions.Count >= _options.MaxSessions)
            throw new PlaygroundException($"too many open playgrounds ({_options.MaxSessions}); close a tab and reload");
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var session = new PlaygroundSession(id, settings, _options.Data);
        _sessions[id] = session;
        return session;
    }

    public PlaygroundSession? Find(string id) => _sessions.TryGetValue(id, out var s) && !s.IsStopped ? s : null;

    public void End(string id)
    {
        if (_sessions.TryRemove(id, out var s)) s.Dispose();
    }

    /// <summary>Ends the sessions unwatched for longer than the grace period.</summary>
    public void Sweep()
    {
        foreach (var (id, session) in _sessions)
            if (session.IsStopped || session.IdleSeconds > _options.Grace.TotalSeconds) End(id);
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var id in _sessions.Keys) End(id);
    }
}
