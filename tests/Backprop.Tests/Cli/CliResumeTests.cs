using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Backprop.Cli;
using Backprop.Models;

namespace Backprop.Tests.Cli;

/// <summary>Early stopping, checkpoints and --resume end to end: a resumed run, early stopping on, gives the parameters
/// of an uninterrupted one bit for bit — also after the training process is killed part-way.</summary>
public sealed class CliResumeTests
{
    private static byte[] Parameters(string model) =>
        ModelFile.Load<float>(model).Model.Parameters.SelectMany(p => MemoryMarshal.AsBytes(p.Value.AsReadOnlySpan()).ToArray()).ToArray();

    private static JsonElement Train(CliSandbox box, params string[] args)
    {
        var result = box.Run(["train", "--json", "--no-plot", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    [Fact]
    public void Early_stopping_stops_a_real_run_before_its_last_epoch_and_says_where_the_best_epoch_was()
    {
        using var box = new CliSandbox();
        var run = Train(box, "--out", box.PathOf("m.bp"), "--early-stopping", "5");
        Assert.StartsWith("early stopping: no improvement for 5 epochs; best validation cost", run.GetProperty("stopped").GetString());
        Assert.True(run.GetProperty("steps").GetInt32() < 6000);
    }

    [Fact]
    public void A_checkpoint_holds_the_early_stopping_state_and_resuming_from_it_after_the_best_epoch_gives_the_same_model()
    {
        using var box = new CliSandbox();
        string[] flags = ["--early-stopping", "10"];
        var whole = Train(box, ["--out", box.PathOf("whole.bp"), .. flags]);
        int stepsPerEpoch = (360 + 63) / 64; // the flower's 400 points less 40 for validation, batches of 64
        int stopEpoch = whole.GetProperty("steps").GetInt32() / stepsPerEpoch;
        Assert.True(stopEpoch < 1000, "the uninterrupted run should stop early");

        // One checkpoint, one epoch before the stop: after the best epoch, with the patience counter at 9.
        Train(box, ["--out", box.PathOf("part.bp"), "--checkpoint-every", $"{stopEpoch - 1}", .. flags]);
        var checkpoint = box.PathOf("part.checkpoint.bp");
        using (var state = JsonDocument.Parse(ModelFile.ReadMetadata(checkpoint).Metadata["checkpoint"]))
        {
            var early = state.RootElement.GetProperty("EarlyStopping");
            Assert.Equal(9, early.GetProperty("State").GetProperty("EpochsWithoutImprovement").GetInt32());
            Assert.Equal(JsonValueKind.Array, early.GetProperty("BestWeights").ValueKind);
        }

        var resumed = Train(box, ["--out", box.PathOf("resumed.bp"), "--resume", checkpoint, .. flags]);
        Assert.Equal(whole.GetProperty("stopped").GetString(), resumed.GetProperty("stopped").GetString());
        Assert.Equal(Parameters(box.PathOf("whole.bp")), Parameters(box.PathOf("resumed.bp")));
    }

    [Fact]
    public void A_run_killed_part_way_resumes_from_its_checkpoint_to_the_uninterrupted_model_bit_for_bit()
    {
        using var box = new CliSandbox();
        string[] flags = ["--batch-size", "8", "--early-stopping", "40", "--checkpoint-every", "5", "--quiet", "--no-plot"];
        var checkpoint = box.PathOf("killed.checkpoint.bp");
        var cli = typeof(CommandRunner).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[cli, "train", "--out", box.PathOf("killed.bp"), .. flags]) start.ArgumentList.Add(arg);
        using (var child = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(checkpoint) && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
            Assert.False(child.HasExited, "the run finished before it could be killed");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        Assert.False(File.Exists(box.PathOf("killed.bp")), "a killed run must not have written its model");

        var resumed = box.Run(["train", "--out", box.PathOf("resumed.bp"), "--resume", checkpoint, .. flags]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var whole = box.Run(["train", "--out", box.PathOf("whole.bp"), .. flags]);
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.Equal(Parameters(box.PathOf("whole.bp")), Parameters(box.PathOf("resumed.bp")));
    }
}
