using System.Diagnostics;
using System.Text;

namespace Backprop.Tests.Distributed;

/// <summary>Starts tests/Backprop.MpiProbe under OpenMPI's <c>mpirun -n N</c> on the loopback interface (root allowed,
/// oversubscription allowed, no core binding: CI machines have 2 cores and run as root), with a test-side timeout that
/// kills the whole job. Where mpirun is absent the test skips, naming the Debian package, except under CI=1, where it
/// fails: CI installs openmpi-bin.</summary>
public static class MpiRun
{
    public const string Package = "openmpi-bin";

    /// <summary>BACKPROP_TEST_MPIRUN names the launcher to use instead (a path that does not exist stands for a machine
    /// without MPI, to see the skip and the CI failure).</summary>
    public const string LauncherVariable = "BACKPROP_TEST_MPIRUN";

    /// <summary>mpirun on the PATH (or <see cref="LauncherVariable"/>), or null.</summary>
    public static string? Launcher => Environment.GetEnvironmentVariable(LauncherVariable) is { Length: > 0 } given
        ? (File.Exists(given) ? given : null)
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "mpirun")).FirstOrDefault(File.Exists);

    /// <summary>Skips (outside CI) or fails (CI=1) when mpirun is missing; returns its path.</summary>
    public static string RequireLauncher()
    {
        var launcher = Launcher;
        if (launcher is not null) return launcher;
        string message = $"mpirun is not installed (apt-get install -y {Package}); the MPI tests of data-parallel training were not run.";
        if (Environment.GetEnvironmentVariable("CI") == "1") Assert.Fail(message + " CI must run them.");
        Skip.If(true, message);
        return "";
    }

    /// <summary>The probe's build output beside this test build (same configuration and framework).</summary>
    public static string ProbeDll
    {
        get
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = bin.Name, configuration = bin.Parent!.Name;
            var tests = bin.Parent!.Parent!.Parent!.Parent!.FullName; // tests/Backprop.Tests/bin/CONF/TFM → tests
            var dll = Path.Combine(tests, "Backprop.MpiProbe", "bin", configuration, framework, "Backprop.MpiProbe.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException($"The MPI probe is not built at {dll}; build tests/Backprop.Tests (it builds the probe).", dll);
            return dll;
        }
    }

    /// <summary>mpirun -n <paramref name="ranks"/> dotnet Backprop.MpiProbe.dll ARGS; kills the job after
    /// <paramref name="timeout"/> and says so in the result.</summary>
    public static (int Code, string Output, bool TimedOut, TimeSpan Elapsed) Probe(int ranks, TimeSpan timeout, params string[] args) =>
        Launch(ranks, timeout, ProbeDll, args);

    /// <summary>mpirun -n <paramref name="ranks"/> dotnet <paramref name="dll"/> ARGS, in <paramref name="folder"/> when given.</summary>
    public static (int Code, string Output, bool TimedOut, TimeSpan Elapsed) Launch(int ranks, TimeSpan timeout, string dll, string[] args, string? folder = null)
    {
        var launcher = RequireLauncher();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-n", ranks.ToString(), "--oversubscribe", "--bind-to", "none",
                     "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo",
                     dotnet, dll })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        if (folder is not null) start.WorkingDirectory = folder;
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        start.Environment["OMPI_MCA_rmaps_base_oversubscribe"] = "1";
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit(timeout);
        if (!exited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        lock (output) return (exited ? process.ExitCode : -1, output.ToString(), !exited, clock.Elapsed);
    }
}
