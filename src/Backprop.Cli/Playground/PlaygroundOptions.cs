namespace Backprop.Cli.Playground;

/// <summary>How the server runs: where it listens, the table given with <c>--data</c>, and how long a session whose page
/// went away is kept (a reload reconnects within it; then its training task ends).</summary>
public sealed record PlaygroundOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 5180;
    public DataSource? Data { get; init; }
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);
    public int MaxSessions { get; init; } = 32;
}
