namespace Backprop.Compare;

/// <summary>A usage error: bad or missing arguments (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The parsed arguments of one invocation.</summary>
internal sealed record CommandLine(string Command, string? Target, bool Double, int Threads, string? DataRoot)
{
    public static CommandLine Parse(string[] args)
    {
        var positional = new List<string>();
        string? data = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data")
            {
                if (i + 1 >= args.Length) throw new UsageException("--data needs a folder");
                data = args[++i];
            }
            else positional.Add(args[i]);
        }
        if (positional.Count == 0) throw new UsageException("no command");
        var command = positional[0];
        if (command == "export-cats")
        {
            if (positional.Count != 2) throw new UsageException("export-cats needs one output folder");
            return new(command, positional[1], false, 1, data);
        }
        if (command is not ("run" or "profile")) throw new UsageException($"unknown command '{command}'");
        if (positional.Count != 4) throw new UsageException("run needs <workload> <dtype> <threads>");
        var workload = positional[1];
        if (!Workloads.Names.Contains(workload)) throw new UsageException($"unknown workload '{workload}'");
        bool isDouble = positional[2] switch
        {
            "float32" => false,
            "float64" => true,
            _ => throw new UsageException($"dtype must be float32 or float64, not '{positional[2]}'"),
        };
        if (!int.TryParse(positional[3], out int threads) || threads < 1) throw new UsageException($"threads must be ≥ 1, not '{positional[3]}'");
        return new(command, workload, isDouble, threads, data);
    }
}
