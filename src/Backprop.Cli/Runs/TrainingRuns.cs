using Backprop.Cli.Inputs;
using Backprop.Cli.Output;

namespace Backprop.Cli.Runs;

/// <summary>The one entry of <c>backprop train</c>: resolves --data to an input kind (<see cref="InputKinds"/>) and hands
/// the settings to the run for it — <see cref="TextRun"/> for text (--task text, a .txt file, the dinosaur names),
/// <see cref="NetworkRun"/> for tables and images — which checks that it can honour every given flag.</summary>
public static class TrainingRuns
{
    public static RunOutcome Execute(TrainSettings s, TextWriter stdout, TextWriter stderr)
    {
        var input = DistributedRun.RankZeroFirst(s, quietRank => InputKinds.Resolve(s.DataPath, forTest: false, quiet: quietRank || s.Mode != OutputMode.Human, quietRank ? TextWriter.Null : stderr));
        if (s.TextTask && input.Kind is not TextInput && input.Path is not null && File.Exists(input.Path))
            input = input with { Kind = InputKinds.Text };
        if (s.TextTask && input.Kind is not TextInput)
            throw CliException.Usage(input.Path is null ? "--task text needs --data: a text file to learn from." : $"--task text needs a text file; '{input.Path}' is {input.Kind.Name} data.");
        if (!s.TextTask && s.Task is not null && input.Kind is TextInput)
            throw CliException.Usage($"--task {s.Task.Name}: '{input.Path}' is text, which trains a character model (--task text).");
        return input.Kind is TextInput ? TextRun.Execute(s, input, stdout, stderr) : NetworkRun.Execute(s, input, stdout, stderr);
    }
}
