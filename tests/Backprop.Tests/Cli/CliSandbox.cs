using System.Globalization;
using System.Text;
using Backprop.Cli;

namespace Backprop.Tests.Cli;

/// <summary>What one in-process run of the <c>backprop</c> command line returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
}

/// <summary>A temporary folder for one test: writes its small input files, runs the CLI in-process with captured
/// stdout/stderr, and checks that a failed run leaves every file in the folder as it was. Deleted afterwards.</summary>
public sealed class CliSandbox : IDisposable
{
    /// <summary>The bytes of the model file a test plants before a run that must not touch it.</summary>
    public static readonly byte[] PlantedBytes = Encoding.ASCII.GetBytes("not a model: planted by the test to see that a failed run leaves it alone");

    public string Folder { get; } = Directory.CreateTempSubdirectory("bp-cli-").FullName;

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Writes <paramref name="text"/> exactly as given and returns the full path.</summary>
    public string Write(string name, string text)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A file with <see cref="PlantedBytes"/>, standing where a failed run must not write.</summary>
    public string Plant(string name) => WriteBytes(name, PlantedBytes);

    /// <summary>train --data <paramref name="data"/> into m.bp for one epoch (unless the flags give --epochs), with no test
    /// split, quiet and without a plot; asserts it succeeded and returns the model's path.</summary>
    public string TrainQuietly(string data, params string[] flags)
    {
        var model = PathOf("m.bp");
        string[] epochs = flags.Contains("--epochs") ? [] : ["--epochs", "1"];
        var run = Run(["train", "--data", data, "--out", model, .. epochs, "--test-split", "0", "--quiet", "--no-plot", .. flags]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return model;
    }

    public CliResult Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CommandRunner.Run(BackpropCommand.Create(), args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every file under the folder (hidden temporary files included) with its bytes.</summary>
    public Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Folder, f), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>Runs a command that must fail, and checks the failure the way a user sees it: the exit code, exactly one
    /// line on stderr starting "backprop:" that mentions each of <paramref name="mentions"/> (case-insensitive), no stack
    /// trace, nothing on stdout, and not one file in the folder created, changed or removed.</summary>
    public string Fails(int exitCode, string[] args, params string[] mentions)
    {
        var before = Snapshot();
        var result = Run(args);
        var after = Snapshot();
        AssertOneLineError(result, exitCode, mentions);
        Assert.True(result.Out.Length == 0, $"a failed run printed on stdout:\n{result}");
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"the failed run changed {name}");
        return result.Err.TrimEnd();
    }

    public static void AssertOneLineError(CliResult result, int exitCode, params string[] mentions)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}:\n{result}");
        Assert.DoesNotContain("   at ", result.Err);
        var lines = result.Err.TrimEnd('\r', '\n').Split('\n');
        Assert.True(lines.Length == 1, $"expected one line on stderr:\n{result}");
        Assert.StartsWith("backprop:", lines[0]);
        foreach (var mention in mentions)
            Assert.True(lines[0].Contains(mention, StringComparison.OrdinalIgnoreCase), $"the error should mention '{mention}':\n{result}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
