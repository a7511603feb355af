namespace Backprop.Cli.Playground;

/// <summary>A request the playground refuses (a bad setting or upload): its message is shown in the page as it is.</summary>
public sealed class PlaygroundException(string message) : Exception(message);
