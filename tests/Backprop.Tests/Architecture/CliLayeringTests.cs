using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Backprop.Tests.Architecture;

/// <summary>The one-way rule for the command line (src/Backprop.Cli): Commands parse flags and call Runs, Playground or
/// Demos; Runs use Inputs; everything may use Output and Flags; nothing uses the root (Program, BackpropCommand, CommandRunner).
/// The CLI's folders share one namespace root, so references are found by type name, not by <c>using</c>.</summary>
public class CliLayeringTests
{
    [Fact]
    public void Every_cli_folder_depends_only_on_lower_ones_and_the_folder_graph_has_no_cycle()
    {
        var sources = CliSources();
        Assert.True(sources.Count > 20, $"Only {sources.Count} source files found under src/Backprop.Cli.");
        var violations = CliLayering.Check(sources);
        Assert.True(violations.Count == 0, "The CLI's one-way rule is broken:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_cli_folder_has_a_rank()
    {
        var unranked = CliSources().Keys.Select(CliLayering.FolderOf).Distinct().Where(f => !CliLayering.Ranks.ContainsKey(f)).ToList();
        Assert.True(unranked.Count == 0, $"Folder(s) {string.Join(", ", unranked)} under src/Backprop.Cli have no rank: add them to CliLayering.Ranks.");
    }

    [Fact]
    public void The_checker_flags_a_reference_up_the_layers_by_type_name_alone()
    {
        var sources = new Dictionary<string, string>
        {
            ["Runs/NetworkRun.cs"] = "namespace Backprop.Cli.Runs;\npublic static class NetworkRun { }",
            ["Inputs/CsvInput.cs"] = "namespace Backprop.Cli.Inputs;\npublic sealed class CsvInput { void F() => NetworkRun.Execute(); }",
        };
        var violations = CliLayering.Check(sources);
        Assert.Contains(violations, v => v.Contains("Inputs/CsvInput.cs:2") && v.Contains("NetworkRun") && v.Contains("Runs"));
    }

    [Fact]
    public void The_checker_ignores_type_names_in_comments_and_strings_and_allows_references_down()
    {
        var sources = new Dictionary<string, string>
        {
            ["Runs/NetworkRun.cs"] = "namespace Backprop.Cli.Runs;\npublic static class NetworkRun { void F() => CsvInput.Read(); }",
            ["Inputs/CsvInput.cs"] = "namespace Backprop.Cli.Inputs;\n/// <see cref=\"NetworkRun\"/>\npublic sealed class CsvInput { string s = \"NetworkRun\"; }",
        };
        Assert.Empty(CliLayering.Check(sources));
    }

    [Fact]
    public void The_cycle_finder_reports_a_cycle_with_every_folder_on_it()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Commands"] = ["Runs"], ["Runs"] = ["Inputs"], ["Inputs"] = ["Runs", "Output"], ["Output"] = [],
        };
        var cycle = CliLayering.FindCycle(graph);
        Assert.NotNull(cycle);
        Assert.Equal(["Runs", "Inputs", "Runs"], cycle);
        graph["Inputs"].Remove("Runs");
        Assert.Null(CliLayering.FindCycle(graph));
    }

    /// <summary>Each .cs file under src/Backprop.Cli (bin and obj left out), by path relative to it.</summary>
    private static Dictionary<string, string> CliSources([CallerFilePath] string thisFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(thisFile) ?? ""];
        foreach (var start in starts.Where(Directory.Exists))
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln")))
                {
                    var root = Path.Combine(dir.FullName, "src", "Backprop.Cli");
                    return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                        .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                        .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
                        .ToDictionary(p => p, p => File.ReadAllText(Path.Combine(root, p)));
                }
        throw new InvalidOperationException($"No folder holding Backprop.sln above any of: {string.Join(", ", starts)}.");
    }
}

/// <summary>The CLI's rule: folder ranks (higher may use lower; none of equal rank use each other), references found by
/// the names of the types each folder declares at the top level of its files, and a cycle check of the folder graph.</summary>
public static partial class CliLayering
{
    /// <summary>Root (Program, BackpropCommand, CommandRunner) → Commands → Playground · Demos → Runs → Inputs → Output · Flags.</summary>
    public static readonly IReadOnlyDictionary<string, int> Ranks = new Dictionary<string, int>
    {
        ["Output"] = 0, ["Flags"] = 0,
        ["Inputs"] = 1,
        ["Runs"] = 2,
        ["Playground"] = 3, ["Demos"] = 3,
        ["Commands"] = 4,
        [""] = 5,
    };

    public static string FolderOf(string relativePath) => relativePath.Contains('/') ? relativePath[..relativePath.IndexOf('/')] : "";

    /// <summary>The violations in a set of files (path relative to src/Backprop.Cli → source).</summary>
    public static List<string> Check(IReadOnlyDictionary<string, string> sources)
    {
        var code = sources.ToDictionary(s => s.Key, s => Layering.CodeOnly(s.Value));
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in code)
            foreach (Match m in TopLevelType().Matches(text))
            {
                var name = m.Groups[1].Value;
                if (owners.TryGetValue(name, out var other) && other != FolderOf(path)) ambiguous.Add(name);
                else owners[name] = FolderOf(path);
            }
        foreach (var name in ambiguous) owners.Remove(name);

        var violations = new List<string>();
        var graph = Ranks.Keys.ToDictionary(k => k, _ => new HashSet<string>());
        foreach (var (path, text) in code)
        {
            var folder = FolderOf(path);
            if (!Ranks.TryGetValue(folder, out int rank)) { violations.Add($"{path}: folder '{folder}' has no rank in CliLayering.Ranks."); continue; }
            var lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
                foreach (Match m in Identifier().Matches(lines[i]))
                {
                    if (!owners.TryGetValue(m.Value, out var target) || target == folder || !Ranks.TryGetValue(target, out int targetRank)) continue;
                    graph[folder].Add(target);
                    if (targetRank >= rank)
                        violations.Add($"{path}:{i + 1}: {Name(folder)} (rank {rank}) uses {m.Value} from {Name(target)} (rank {targetRank}); a folder may use only lower ranks.");
                }
        }
        if (FindCycle(graph) is { } cycle) violations.Add($"the CLI's folders form a cycle: {string.Join(" → ", cycle.Select(Name))}.");
        return violations;
    }

    /// <summary>A cycle of the directed graph as its folders, first one repeated at the end; null when there is none.</summary>
    public static List<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1 on the current path, 2 done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (state.GetValueOrDefault(next) == 1) return [.. path.Skip(path.IndexOf(next)), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        return null;
    }

    private static string Name(string folder) => folder.Length == 0 ? "the root" : folder;

    [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|partial|readonly|file)\s+)*(?:class|record|struct|interface|enum)\s+([A-Z][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"(?<![\w.])[A-Z][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
