using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Models;

namespace Backprop.Tests.Cli;

/// <summary>Issue #19's bad and unusual folders, as a new user meets them: every kind of image file trains, a greyscale
/// folder stays one channel, --skip-bad-images names what it leaves out, and a held-out folder with fewer class folders
/// is scored against the model's classes by name.</summary>
public sealed class CliImageFolderTests
{
    /// <summary>pictures/dark and pictures/light, two 8×8 BMPs each.</summary>
    private static string Folder(CliSandbox box, string name = "pictures", params string[] labels)
    {
        foreach (var label in labels.Length > 0 ? labels : ["dark", "light"])
        {
            int level = label == "dark" ? 20 : 230;
            Directory.CreateDirectory(box.PathOf(Path.Combine(name, label)));
            box.WriteBytes(Path.Combine(name, label, "a.bmp"), TestImages.Bmp(8, 8, (_, col, _) => (byte)(level + (col < 4 ? 0 : 10))));
            box.WriteBytes(Path.Combine(name, label, "b.bmp"), TestImages.Bmp(8, 8, (row, _, _) => (byte)(level + row)));
        }
        return box.PathOf(name);
    }

    [Fact]
    public void Cmyk_palette_16_bit_greyscale_and_exif_rotated_files_train_together_as_rgb()
    {
        using var box = new CliSandbox();
        var folder = Folder(box);
        foreach (var fixture in new[] { "cmyk.jpg", "palette.png", "grey16.png", "exif-orientation-6.jpg" })
            File.Copy(TestData.Fixture("images/" + fixture), Path.Combine(folder, "light", fixture));
        var model = ModelFile.Load<float>(box.TrainQuietly(folder));
        Assert.Equal("8x8", model.Metadata[ImageFolderInput.SizeKey]);
        Assert.Equal("8,8,3", model.Metadata[PreparedData.InputShapeKey]);
    }

    [Fact]
    public void A_folder_of_greyscale_images_trains_on_one_channel_and_predict_reads_new_images_as_grey()
    {
        using var box = new CliSandbox();
        foreach (var label in new[] { "ramps", "steps" })
        {
            Directory.CreateDirectory(box.PathOf(Path.Combine("grey", label)));
            foreach (var fixture in new[] { "grey8.png", "grey16.png" })
                File.Copy(TestData.Fixture("images/" + fixture), box.PathOf(Path.Combine("grey", label, fixture)));
        }
        var path = box.TrainQuietly(box.PathOf("grey"));
        var model = ModelFile.Load<float>(path);
        Assert.Equal("8,8,1", model.Metadata[PreparedData.InputShapeKey]);
        Assert.Equal(64, model.InputSize);
        var predict = box.Run("predict", "--model", path, "--image", TestData.Fixture("images/palette.png")); // an RGB file, read as grey
        Assert.True(predict.ExitCode == 0, predict.ToString());
    }

    [Fact]
    public void Skip_bad_images_leaves_out_each_unreadable_file_and_names_it_in_a_note()
    {
        using var box = new CliSandbox();
        var folder = Folder(box);
        box.Write("pictures/light/broken.png", "this is not a png");
        box.Write("pictures/dark/empty.jpg", "");
        var model = box.PathOf("m.bp");
        var run = box.Run("train", "--data", folder, "--out", model, "--epochs", "1", "--test-split", "0", "--no-plot", "--skip-bad-images");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("skipped", run.Err);
        Assert.Contains("broken.png", run.Err);
        Assert.Contains("empty.jpg", run.Err);

        box.Fails(1, ["train", "--data", folder, "--out", box.PathOf("n.bp"), "--epochs", "1", "--quiet"], "--skip-bad-images", "empty.jpg");
        File.Delete(box.PathOf("pictures/light/a.bmp"));
        File.Delete(box.PathOf("pictures/light/b.bmp"));
        box.Fails(1, ["train", "--data", folder, "--out", box.PathOf("n.bp"), "--epochs", "1", "--quiet", "--skip-bad-images"], "light", "no readable images");
    }

    [Fact]
    public void A_held_out_folder_with_fewer_classes_is_scored_against_the_model_classes_by_name()
    {
        using var box = new CliSandbox();
        var model = box.TrainQuietly(Folder(box), "--epochs", "30", "--augment", "none");
        var onlyLight = Folder(box, "held-out", "light");

        var evaluate = box.Run("evaluate", "--model", model, "--data", onlyLight, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        using var json = JsonDocument.Parse(evaluate.Out);
        Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0, 1);
        var predict = box.Run("predict", "--model", model, "--data", onlyLight);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.All(predict.Out.TrimEnd().Split('\n').Skip(1), line => Assert.Contains(line.Split(',')[1], new[] { "dark", "light" }));

        Folder(box, "strangers", "blue", "light");
        box.Fails(1, ["evaluate", "--model", model, "--data", box.PathOf("strangers")], "blue", "not one of the model's classes");
    }
}
