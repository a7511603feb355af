using System.CommandLine;
using Backprop.Cli.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop train</c>: a trained, saved model from a data file in one command.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var options = new TrainOptions();
        var command = new Command("train", "Train a neural network on a CSV table, course HDF5 file, MNIST file or image folder (no --data: the course's planar flower).");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse => TextTrainRun.Requested(parse.GetValue(options.Task))
            ? TextTrainRun.Execute(parse, options, parse.InvocationConfiguration.Output)
            : TrainRun.Execute(TrainSettings.From(parse, options), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }
}
