namespace Backprop.Cli.Output;

/// <summary>A user's mistake, reported as one line on stderr with no stack trace.
/// Exit code 2 for usage errors (flags), 1 for bad data or a failed run.</summary>
public sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>A bad flag or flag value (exit code 2).</summary>
    public static CliException Usage(string message) => new(message, 2);

    /// <summary>Bad input data or a run that cannot proceed (exit code 1).</summary>
    public static CliException BadInput(string message) => new(message, 1);
}
