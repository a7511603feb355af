using System.Diagnostics;
using Backprop.Cli;
using Backprop.Models;
using Backprop.Tests.Distributed;

namespace Backprop.Tests.Cli;

/// <summary><c>backprop train --distributed</c>: without MPI one line and exit 2; under <c>mpirun -n 2</c> only rank 0
/// prints and writes, and the model is the one a single process trains (to float32's rounding).</summary>
public sealed class CliDistributedTests
{
    private static string Cli => typeof(CommandRunner).Assembly.Location;

    [Fact]
    public void Distributed_without_the_MPI_library_is_one_line_naming_it_and_the_Debian_package_with_exit_2()
    {
        using var box = new CliSandbox();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = box.Folder };
        foreach (var arg in (string[])[Cli, "train", "--distributed", "--epochs", "1", "--no-plot", "--out", box.PathOf("m.bp")]) start.ArgumentList.Add(arg);
        start.Environment["BACKPROP_MPI_LIBRARY"] = "/nonexistent/libmpi.so.40"; // as on a machine without OpenMPI
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEnd(); // both are a line at most: no pipe fills while the other is read
        var stdout = child.StandardOutput.ReadToEnd();
        Assert.True(child.WaitForExit(60_000), "backprop did not exit");
        CliSandbox.AssertOneLineError(new CliResult(child.ExitCode, stdout, stderr), 2, "--distributed", "libmpi.so.40", "openmpi-bin");
        Assert.False(File.Exists(box.PathOf("m.bp")));
    }

    [Fact]
    public void Distributed_does_not_apply_to_a_text_run()
    {
        using var box = new CliSandbox();
        var text = box.Write("names.txt", "ab\ncd\nef\n");
        box.Fails(2, ["train", "--data", text, "--distributed"], "--distributed");
    }

    [SkippableFact]
    public void Two_ranks_under_mpirun_print_once_write_one_model_and_match_a_single_process()
    {
        MpiRun.RequireLauncher();
        using var box = new CliSandbox();
        string[] flags = ["train", "--epochs", "4", "--batch-size", "32", "--early-stopping", "0", "--no-plot", "--json"];
        var (code, output, timedOut, _) = MpiRun.Launch(2, TimeSpan.FromSeconds(120), Cli, [.. flags, "--distributed", "--out", box.PathOf("two.bp")], box.Folder);
        Assert.False(timedOut, output);
        Assert.True(code == 0, output);
        // Rank 0's JSON only. (Each rank's .NET console may first write the terminal's keypad escape, ESC[?1h ESC=, as
        // mpirun gives the ranks a pseudo-terminal; it prints nothing.)
        Assert.Equal(1, output.Split('\n').Count(l => l.Contains("{\"model\":", StringComparison.Ordinal)));
        Assert.Equal(["two.bp"], Directory.GetFiles(box.Folder).Select(Path.GetFileName));

        var single = box.Run([.. flags, "--out", box.PathOf("one.bp")]);
        Assert.True(single.ExitCode == 0, single.ToString());
        var (a, b) = (Parameters(box.PathOf("two.bp")), Parameters(box.PathOf("one.bp")));
        double difference = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(difference < 1e-4, $"max |θ_2 − θ_1| = {difference:E3}");
    }

    [SkippableFact]
    public void Two_ranks_resumed_from_a_checkpoint_end_with_the_model_of_the_uninterrupted_run_bit_for_bit()
    {
        MpiRun.RequireLauncher();
        using var box = new CliSandbox();
        foreach (var (label, level) in new[] { ("dark", 40), ("light", 200) }) // an image CNN: dropout and augmentation draw per rank
        {
            Directory.CreateDirectory(box.PathOf(Path.Combine("pictures", label)));
            for (int i = 0; i < 6; i++)
                box.WriteBytes(Path.Combine("pictures", label, $"{i}.bmp"), TestImages.Bmp(8, 8, (row, col, ch) => (byte)(level + 3 * i + row + col * ch)));
        }
        string[] flags = ["train", "--data", box.PathOf("pictures"), "--epochs", "4", "--batch-size", "4", "--test-split", "0",
            "--checkpoint-every", "2", "--no-plot", "--quiet", "--distributed"];
        var whole = MpiRun.Launch(2, TimeSpan.FromSeconds(120), Cli, [.. flags, "--out", box.PathOf("whole.bp")], box.Folder);
        Assert.True(!whole.TimedOut && whole.Code == 0, whole.Output);
        Assert.True(File.Exists(box.PathOf("whole.checkpoint.bp")), "the run wrote no checkpoint after epoch 2");

        var resumed = MpiRun.Launch(2, TimeSpan.FromSeconds(120), Cli,
            [.. flags, "--resume", box.PathOf("whole.checkpoint.bp"), "--out", box.PathOf("resumed.bp")], box.Folder);
        Assert.True(!resumed.TimedOut && resumed.Code == 0, resumed.Output);
        Assert.Equal(Parameters(box.PathOf("whole.bp")), Parameters(box.PathOf("resumed.bp")));
        Assert.NotEqual(Parameters(box.PathOf("whole.bp")), Parameters(box.PathOf("whole.checkpoint.bp"))); // two more epochs moved it
    }

    private static float[] Parameters(string model) =>
        ModelFile.Load<float>(model).Model.Parameters.SelectMany(p => p.Value.ToArray()).ToArray();
}
