using System.CommandLine;
using Backprop.Cli;
using Backprop.Cli.Commands;

var root = new RootCommand("Backprop: train, evaluate and use neural networks on your own data.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    SummaryCommand.Create(),
    CourseCommand.Create(),
};
return CommandRunner.Run(root, args);
