using System.Buffers.Binary;
using System.Text.Json;
using Backprop.Layers;
using Backprop.Models;

namespace Backprop.Tests.Cli;

/// <summary>--augment: photo folders get light by default (flip and shift after the CNN's Reshape, saved in the model and
/// listed by summary, the identity at evaluate/predict), IDX digits none; full adds colour jitter; a bad level, or any level
/// but none on a table or for an MLP, is a one-line usage error (exit 2) that leaves the planted model alone.</summary>
public sealed class CliAugmentTests
{
    /// <summary>pictures/dark and pictures/light, two 8×8 BMPs each.</summary>
    private static string Folder(CliSandbox box)
    {
        foreach (var (label, level) in new[] { ("dark", 20), ("light", 230) })
        {
            Directory.CreateDirectory(box.PathOf(Path.Combine("pictures", label)));
            box.WriteBytes(Path.Combine("pictures", label, "a.bmp"), TestImages.Bmp(8, 8, (r, c, _) => (byte)(level + (c < 4 ? 0 : 10))));
            box.WriteBytes(Path.Combine("pictures", label, "b.bmp"), TestImages.Bmp(8, 8, (r, _, _) => (byte)(level + r)));
        }
        return box.PathOf("pictures");
    }

    private static string AugmentSetting(CliSandbox box, string model)
    {
        using var json = JsonDocument.Parse(box.Run("summary", "--model", model, "--json").Out);
        return json.RootElement.GetProperty("metadata").GetProperty("training").GetProperty("augment").GetString()!;
    }

    [Fact]
    public void A_photo_folder_gets_flip_and_shift_after_the_reshape_which_summary_lists_and_evaluate_ignores()
    {
        using var box = new CliSandbox();
        var folder = Folder(box);
        var model = box.TrainQuietly(folder);

        var layers = ((Sequential<float>)ModelFile.Load<float>(model).Model).Layers;
        Assert.IsType<Reshape<float>>(layers[0]);
        Assert.IsType<RandomFlip<float>>(layers[1]);
        Assert.IsType<RandomTranslation<float>>(layers[2]);
        Assert.DoesNotContain(layers, l => l is ColorJitter<float>);
        var summary = box.Run("summary", "--model", model);
        Assert.Contains("randomflip", summary.Out);
        Assert.Contains("randomtranslation", summary.Out);
        Assert.Equal("light", AugmentSetting(box, model));

        // Evaluation mode: the same answers on every call (no draw), so predict is repeatable.
        var first = box.Run("evaluate", "--model", model, "--data", folder, "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Out, box.Run("evaluate", "--model", model, "--data", folder, "--json").Out);
    }

    [Fact]
    public void Full_adds_color_jitter_and_none_adds_nothing()
    {
        using var box = new CliSandbox();
        var folder = Folder(box);
        var full = ((Sequential<float>)ModelFile.Load<float>(box.TrainQuietly(folder, "--augment", "full")).Model).Layers;
        Assert.IsType<ColorJitter<float>>(full[3]);
        var none = ((Sequential<float>)ModelFile.Load<float>(box.TrainQuietly(folder, "--augment", "none")).Model).Layers;
        Assert.DoesNotContain(none, l => l is Augmentation<float>);
        Assert.Equal("none", AugmentSetting(box, box.PathOf("m.bp")));
    }

    [Fact]
    public void The_same_seed_gives_the_same_trained_weights_and_augmentation_changes_them()
    {
        using var box = new CliSandbox();
        var folder = Folder(box);
        float[] Weights(params string[] flags) =>
            [.. ModelFile.Load<float>(box.TrainQuietly(folder, ["--epochs", "2", "--seed", "4", .. flags])).Model.Parameters.SelectMany(p => p.Value.ToArray())];
        var full = Weights("--augment", "full");
        Assert.Equal(full, Weights("--augment", "full"));
        Assert.NotEqual(full, Weights("--augment", "none"));
    }

    [Fact]
    public void A_run_resumed_from_a_checkpoint_draws_the_augmentations_of_the_uninterrupted_run()
    {
        using var box = new CliSandbox();
        var folder = Folder(box);
        string[] flags = ["--augment", "full", "--epochs", "4", "--batch-size", "2", "--seed", "3"];
        float[] Weights(string model) => [.. ModelFile.Load<float>(model).Model.Parameters.SelectMany(p => p.Value.ToArray())];
        var whole = Weights(box.TrainQuietly(folder, flags));
        File.Move(box.PathOf("m.bp"), box.PathOf("whole.bp"));
        box.TrainQuietly(folder, [.. flags, "--checkpoint-every", "3"]); // one checkpoint, after epoch 3 (6 steps)
        var resumed = Weights(box.TrainQuietly(folder, [.. flags, "--resume", box.PathOf("m.checkpoint.bp")]));
        Assert.Equal(whole, resumed);
    }

    [Fact]
    public void Idx_digits_get_no_augmentation_by_default()
    {
        using var box = new CliSandbox();
        static byte[] Header(params int[] fields)
        {
            var bytes = new byte[4 * fields.Length];
            for (int i = 0; i < fields.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), fields[i]);
            return bytes;
        }
        var images = box.WriteBytes("train-images-idx3-ubyte", [.. Header(Backprop.Data.Idx.ImagesMagic, 4, 8, 8), .. Enumerable.Range(0, 4 * 64).Select(i => (byte)(i * 7))]);
        box.WriteBytes("train-labels-idx1-ubyte", [.. Header(Backprop.Data.Idx.LabelsMagic, 4), 0, 1, 0, 1]);
        var model = box.TrainQuietly(images);
        Assert.DoesNotContain(((Sequential<float>)ModelFile.Load<float>(model).Model).Layers, l => l is Augmentation<float>);
        Assert.Equal("none", AugmentSetting(box, model));
    }

    [Fact]
    public void An_unknown_level_is_a_usage_error_naming_it()
    {
        using var box = new CliSandbox();
        box.Plant("m.bp");
        box.Fails(2, ["train", "--data", Folder(box), "--augment", "heavy", "--out", box.PathOf("m.bp"), "--quiet"], "--augment", "heavy", "none, light, full");
    }

    [Fact]
    public void A_level_other_than_none_on_a_table_is_a_usage_error_and_none_is_accepted()
    {
        using var box = new CliSandbox();
        var table = box.Write("small.csv", CliTables.Binary());
        box.Plant("m.bp");
        box.Fails(2, ["train", "--data", table, "--target", "y", "--augment", "light", "--out", box.PathOf("m.bp"), "--epochs", "1", "--quiet"], "--augment light", "table");
        var run = box.Run("train", "--data", table, "--target", "y", "--augment", "none", "--out", box.PathOf("t.bp"), "--epochs", "1", "--quiet", "--no-plot");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void A_level_for_an_mlp_on_images_is_a_usage_error()
    {
        using var box = new CliSandbox();
        box.Plant("m.bp");
        box.Fails(2, ["train", "--data", Folder(box), "--model", "mlp", "--augment", "full", "--out", box.PathOf("m.bp"), "--epochs", "1", "--quiet"], "--augment full", "MLP");
    }

    [Fact]
    public void Help_says_what_each_level_adds()
    {
        using var box = new CliSandbox();
        var help = box.Run("train", "--help").Out;
        Assert.Contains("--augment", help);
        Assert.Contains("random horizontal flip", help);
        Assert.Contains("brightness", help);
    }
}
