using System.CommandLine;
using Backprop.Cli.Commands;

namespace Backprop.Cli;

/// <summary>The <c>backprop</c> command tree.</summary>
public static class BackpropCommand
{
    public static RootCommand Create() => new("Backprop: train, evaluate and use neural networks on your own data.")
    {
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        PredictCommand.Create(),
        SummaryCommand.Create(),
        CourseCommand.Create(),
        GenerateCommand.Create(),
    };
}
