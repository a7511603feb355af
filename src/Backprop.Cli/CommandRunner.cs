using Backprop.Cli.Output;
using System.CommandLine;
using Backprop.Data;
using Backprop.Serialization;

namespace Backprop.Cli;

/// <summary>Parses, runs, and turns every user mistake into one line on stderr and an exit code:
/// 2 for usage errors, 1 for bad data or a failed run. Stack traces are only for our own bugs.</summary>
public static class CommandRunner
{
    public static int Run(Command root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stderr ??= Console.Error;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = parsed.UnmatchedTokens.Count > 0
                ? $"unknown command or flag '{parsed.UnmatchedTokens[0]}'"
                : OneLine(parsed.Errors[0].Message);
            stderr.WriteLine($"backprop: {message} (see --help)");
            return 2;
        }
        try
        {
            var configuration = new InvocationConfiguration { Output = stdout ?? Console.Out, Error = stderr, EnableDefaultExceptionHandler = false };
            return parsed.Invoke(configuration);
        }
        catch (Exception e) when (UserFacing(e) is { } error)
        {
            stderr.WriteLine($"backprop: {OneLine(error.Message)}");
            return error.Code;
        }
    }

    /// <summary>Messages that span lines (System.CommandLine lists choices on several) become one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Exceptions that describe the user's input rather than a bug in Backprop.</summary>
    private static (string Message, int Code)? UserFacing(Exception e) => e switch
    {
        CliException c => (c.Message, c.ExitCode),
        DataFormatException d => (d.Message, 1),
        ModelFileException m => (m.Message, 1),
        FileNotFoundException f => (f.Message, 1),
        DirectoryNotFoundException d => (d.Message, 1),
        UnauthorizedAccessException u => (u.Message, 1),
        IOException io => (io.Message, 1),
        ArgumentException a => (a.Message, 1),
        FormatException f => (f.Message, 1),
        _ => null,
    };
}
