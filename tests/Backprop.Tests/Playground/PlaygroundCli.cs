using Backprop.Cli;

namespace Backprop.Tests.Playground;

/// <summary>Runs the <c>backprop</c> command tree in-process and captures what it prints.</summary>
public static class PlaygroundCli
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandRunner.Run(BackpropCommand.Create(), args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
