using System.CommandLine;
using Backprop.Cli.Runs;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop train</c>: a trained, saved model from a data file in one command. The flags become a
/// <see cref="TrainSettings"/> (<see cref="TrainFlags"/>); <see cref="TrainingRuns"/> picks the run for the data.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var options = new TrainOptions();
        var command = new Command("train", "Train a neural network on a CSV table, course HDF5 file, MNIST file, image folder or text file (no --data: the course's planar flower).");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse => TrainingRuns.Execute(TrainFlags.Read(parse, options), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).ExitCode);
        return command;
    }
}
