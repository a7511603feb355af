using System.CommandLine;
using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Output;
using Backprop.Data;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop datasets list</c> and <c>backprop datasets get NAME</c>: the catalogue of well-known data sets and
/// their download into the cache (<c>BACKPROP_DATA</c>, else <c>~/.backprop/datasets</c>), verified by sha256.</summary>
public static class DatasetsCommand
{
    public static Command Create()
    {
        var command = new Command("datasets", "List or download well-known data sets (MNIST, Fashion-MNIST, the course's sets, housing).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Get());
        return command;
    }

    private static Option<string?> CacheOption() =>
        new("--cache") { Description = "Folder to look in and download to (default: BACKPROP_DATA, else ~/.backprop/datasets)." };

    private static Option<string?> MirrorOption() =>
        new("--mirror") { Description = "Base address that serves the files by their relative paths, instead of the public addresses (default: BACKPROP_DATA_MIRROR)." };

    private static Command List()
    {
        var cache = CacheOption();
        var json = new Option<bool>("--json") { Description = "Print the catalogue as JSON." };
        var command = new Command("list", "Show the catalogue and what is already in the cache.") { cache, json };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(cache);
            var rows = DatasetCatalog.All.Select(e => (Entry: e, Status: Status(e, root))).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(rows.Select(r => new
                {
                    name = r.Entry.Name, description = r.Entry.Description, bytes = r.Entry.Bytes, source = r.Entry.Source,
                    license = r.Entry.License, status = r.Status,
                    files = r.Entry.Files.Select(f => new { path = f.RelativePath, bytes = f.Bytes, sha256 = f.Sha256, urls = f.Urls }),
                })));
                return 0;
            }
            var table = new Table().AddColumns("name", "contents", "download", "here").Border(TableBorder.Simple);
            foreach (var (entry, status) in rows)
                table.AddRow(Markup.Escape(entry.Name), Markup.Escape(entry.Description), entry.Generated ? "-" : entry.Unavailable is not null ? "none" : Size(entry.Bytes), Markup.Escape(status));
            ConsoleFor(output).Write(table);
            output.WriteLine($"Downloads go to {root ?? DatasetCache.DownloadRoot}; `backprop datasets get NAME` fetches one, and `--data NAME` does so on first use.");
            return 0;
        });
        return command;
    }

    private static Command Get()
    {
        var name = new Argument<string>("name") { Description = "A name from `backprop datasets list`." };
        var cache = CacheOption();
        var mirror = MirrorOption();
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var command = new Command("get", "Download a data set into the cache and verify its sha256.") { name, cache, mirror, quiet };
        command.SetAction(parse =>
        {
            var entry = DatasetFetch.Entry(parse.GetValue(name)!);
            var root = parse.GetValue(cache);
            var output = parse.InvocationConfiguration.Output;
            if (entry.Generated) { output.WriteLine($"{entry.Name} is generated in code; there is nothing to download (train uses it when --data is omitted)."); return 0; }
            var paths = DatasetFetch.Files(entry, root, parse.GetValue(mirror), parse.GetValue(quiet), parse.InvocationConfiguration.Error);
            for (int i = 0; i < paths.Count; i++)
                if (entry.Files[i].Sha256.Length > 0 && Sha256File.Of(paths[i]) is var actual && actual != entry.Files[i].Sha256)
                    throw CliException.BadInput($"{paths[i]} has sha256 {actual}, expected {entry.Files[i].Sha256}; delete it and run `backprop datasets get {entry.Name}` again.");
            output.WriteLine($"{entry.Name}: {paths.Count} file(s), sha256 verified, in {CommonFolder(paths)}");
            return 0;
        });
        return command;
    }

    private static string Status(DatasetEntry entry, string? root)
    {
        if (entry.Generated) return "generated";
        var found = entry.Files.Select(f => DatasetCache.Locate(f, root)).ToList();
        if (found.All(f => f is not null)) return CommonFolder(found!);
        return entry.Unavailable is not null ? "copy by hand" : found.Any(f => f is not null) ? "partly" : "not downloaded";
    }

    private static string CommonFolder(IReadOnlyList<string> paths)
    {
        var folders = paths.Select(p => Path.GetDirectoryName(p)!).Distinct().ToList();
        return folders.Count == 1 ? folders[0] : string.Join(", ", folders);
    }

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):F1} MB" : $"{bytes / 1024.0:F0} KB";

    private static IAnsiConsole ConsoleFor(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = output == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
    });
}
