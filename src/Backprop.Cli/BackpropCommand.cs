using System.CommandLine;
using System.CommandLine.Help;
using Backprop.Cli.Commands;

namespace Backprop.Cli;

/// <summary>The <c>backprop</c> command tree. Its root is a plain command named <c>backprop</c> rather than a
/// <see cref="RootCommand"/>, whose name is the running assembly's (<c>Backprop.Cli</c>): help and errors then show the
/// command users type. The assembly cannot be called <c>backprop</c>, since NuGet would see it and the library's
/// <c>Backprop.dll</c> as one file in the tool package.</summary>
public static class BackpropCommand
{
    public const string Name = "backprop";

    public static Command Create() => new(Name, "Backprop: train, evaluate and use neural networks on your own data.")
    {
        new HelpOption(),
        new VersionOption(),
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        PredictCommand.Create(),
        SummaryCommand.Create(),
        CourseCommand.Create(),
        ExportCommand.Create(),
        ImportCommand.Create(),
        DatasetsCommand.Create(),
        Playground.PlaygroundCommand.Create(),
        DemoCommand.Create(),
        GenerateCommand.Create(),
    };
}
