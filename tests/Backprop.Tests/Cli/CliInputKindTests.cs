using System.Buffers.Binary;
using System.Text.Json;

namespace Backprop.Tests.Cli;

/// <summary>The other kinds of --data (image folders, HDF5, IDX, TSV) and runs that go wrong part-way (divergence, models
/// with damaged metadata): the happy path once, tiny, and each failure as one line with the right exit code.</summary>
public sealed class CliInputKindTests
{
    [Fact]
    public void An_image_folder_trains_a_model_that_evaluates_the_folder_and_predicts_single_images()
    {
        using var box = new CliSandbox();
        var folder = ImageFolder(box);
        var model = box.PathOf("m.bp");
        var train = box.Run("train", "--data", folder, "--out", model, "--epochs", "2", "--layers", "4", "--test-split", "0", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        var evaluate = box.Run("evaluate", "--model", model, "--data", folder, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        using (var json = JsonDocument.Parse(evaluate.Out)) Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0, 1);
        var predict = box.Run("predict", "--model", model, "--image", Path.Combine(folder, "dark", "a.bmp"), Path.Combine(folder, "light", "b.bmp"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var lines = predict.Out.TrimEnd().Split('\n');
        Assert.Equal("row,label,probability", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines[1].Split(',')[1], new[] { "dark", "light" });

        box.Fails(1, ["predict", "--model", model, "--image", box.PathOf("missing.bmp")], "missing.bmp");
        box.Fails(1, ["predict", "--model", model, "--image", box.Write("fake.png", "not a png")], "fake.png");
    }

    [Fact]
    public void An_image_folder_is_resized_to_its_median_side_which_the_model_stores_for_evaluate_and_predict()
    {
        using var box = new CliSandbox();
        foreach (var (label, level) in new[] { ("dark", 20), ("light", 230) })
        {
            Directory.CreateDirectory(box.PathOf(Path.Combine("pictures", label)));
            for (int i = 0; i < 3; i++) // sides 12, 12 and 30: the median is 12
                box.WriteBytes(Path.Combine("pictures", label, $"{i}.bmp"), TestImages.Bmp(i == 2 ? 30 : 12, 10, (_, _, _) => (byte)(level + i)));
        }
        var folder = box.PathOf("pictures");
        var model = box.PathOf("m.bp");
        var train = box.Run("train", "--data", folder, "--out", model, "--epochs", "1", "--test-split", "0", "--quiet", "--no-plot");
        Assert.True(train.ExitCode == 0, train.ToString());

        var loaded = Backprop.Models.ModelFile.Load<float>(model);
        Assert.Equal("12x12", loaded.Metadata["image_size"]);
        Assert.Equal(12 * 12 * 3, loaded.InputSize);
        var evaluate = box.Run("evaluate", "--model", model, "--data", folder, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        var predict = box.Run("predict", "--model", model, "--image", Path.Combine(folder, "light", "2.bmp"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
    }

    [Fact]
    public void The_default_image_model_is_a_cnn_and_summary_shows_its_relu_and_he_not_the_table_defaults()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        var train = box.Run("train", "--data", ImageFolder(box), "--out", model, "--epochs", "1", "--test-split", "0", "--quiet", "--no-plot");
        Assert.True(train.ExitCode == 0, train.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(box.Run("summary", "--model", model, "--json").Out);
        var training = json.RootElement.GetProperty("metadata").GetProperty("training");
        Assert.Equal("cnn", training.GetProperty("model").GetString());
        Assert.Equal("relu", training.GetProperty("hidden_activation").GetString());
        Assert.Equal("he", training.GetProperty("initializer").GetString());
        Assert.Contains("conv2d", box.Run("summary", "--model", model).Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_image_folder_with_an_undecodable_image_names_the_file()
    {
        using var box = new CliSandbox();
        var folder = ImageFolder(box);
        box.Write("pictures/light/broken.png", "this is not a png");
        box.Plant("m.bp");
        box.Fails(1, ["train", "--data", folder, "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet"], "broken.png");
    }

    [Fact]
    public void An_image_folder_with_one_class_folder_is_refused()
    {
        using var box = new CliSandbox();
        var folder = ImageFolder(box);
        Directory.Delete(Path.Combine(folder, "light"), recursive: true);
        box.Plant("m.bp");
        box.Fails(1, ["train", "--data", folder, "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet"], "pictures", "at least two");
    }

    [Fact]
    public void A_file_named_h5_that_is_not_hdf5_is_reported_as_unreadable()
    {
        using var box = new CliSandbox();
        var data = box.Write("train_cats.h5", "not an HDF5 file at all");
        box.Plant("m.bp");
        box.Fails(1, ["train", "--data", data, "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet"], "train_cats.h5");
    }

    [Fact]
    public void An_idx_images_file_without_its_labels_file_names_the_labels_file()
    {
        using var box = new CliSandbox();
        var data = box.Write("train-images-idx3-ubyte", "junk");
        box.Plant("m.bp");
        box.Fails(1, ["train", "--data", data, "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet"], "train-labels-idx1-ubyte");
    }

    [Fact]
    public void An_idx_file_with_a_wrong_magic_number_is_reported()
    {
        using var box = new CliSandbox();
        var data = box.Write("train-images-idx3-ubyte", "junk junk junk junk");
        box.Write("train-labels-idx1-ubyte", "junk junk junk");
        box.Plant("m.bp");
        box.Fails(1, ["train", "--data", data, "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet"], "idx");
    }

    [Fact]
    public void A_tsv_without_a_target_is_a_usage_error_naming_the_target_flag()
    {
        using var box = new CliSandbox();
        var data = box.Write("small.tsv", CliTables.Binary().Replace(',', '\t'));
        box.Plant("m.bp");
        box.Fails(2, ["train", "--data", data, "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet"], "--target");
    }

    [Fact]
    public void A_tab_separated_table_trains()
    {
        using var box = new CliSandbox();
        var data = box.Write("small.tsv", CliTables.Binary().Replace(',', '\t'));
        var result = box.Run("train", "--data", data, "--target", "y", "--out", box.PathOf("m.bp"), "--epochs", "2", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void A_diverging_run_says_so_in_one_line_and_still_prints_valid_json()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        var result = box.Run("train", "--out", model, "--iterations", "50", "--optimizer", "gd", "--activation", "relu", "--lr", "1e30", "--json");
        CliSandbox.AssertOneLineError(result, 1, "cost", "m.bp was not written", box.PathOf("m.diverged.bp"));
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public void A_diverging_run_leaves_an_existing_model_untouched_and_keeps_its_last_finite_parameters_beside_it()
    {
        using var box = new CliSandbox();
        var model = box.Plant("m.bp");
        var result = box.Run("train", "--out", model, "--iterations", "50", "--optimizer", "gd", "--activation", "relu", "--lr", "1e30", "--quiet");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(CliSandbox.PlantedBytes, File.ReadAllBytes(model));
        var kept = Backprop.Models.ModelFile.Load<float>(box.PathOf("m.diverged.bp"));
        Assert.All(kept.Model.Parameters, p => Assert.True(p.Value.AsReadOnlySpan().ToArray().All(float.IsFinite)));
        Assert.False(File.Exists(box.PathOf("m-cost.png")));
    }

    [Fact]
    public void A_planar_model_refuses_a_label_that_is_not_zero_or_one_naming_the_line()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--out", model, "--epochs", "2", "--quiet").ExitCode);
        var data = box.Write("points.csv", "x1,x2,y\n1,2,0\n3,4,0.5\n");
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "points.csv", "line 3", "'y'");
    }

    [Fact]
    public void A_regression_model_with_a_damaged_target_scale_is_reported_without_a_stack_trace()
    {
        using var box = new CliSandbox();
        var data = box.Write("prices.csv", CliTables.Regression());
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--data", data, "--target", "price", "--out", model, "--epochs", "2", "--quiet").ExitCode);
        box.WriteBytes("m.bp", CliModelBytes.WithMetadata(File.ReadAllBytes(model), "target_scale", "{\"mean\": \"high\"}"));
        box.Fails(1, ["predict", "--model", model, "--data", data], "m.bp");
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "m.bp");
    }

    [Fact]
    public void A_model_whose_architecture_names_an_unknown_activation_is_reported_naming_the_file()
    {
        using var box = new CliSandbox();
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--out", model, "--epochs", "2", "--quiet").ExitCode);
        var bytes = File.ReadAllBytes(model);
        var architecture = CliModelBytes.Header(bytes)["__metadata__"]!["architecture"]!.GetValue<string>();
        box.WriteBytes("m.bp", CliModelBytes.WithMetadata(bytes, "architecture", architecture.Replace("sigmoid", "wobble")));
        var data = box.Write("points.csv", "x1,x2,y\n1,2,0\n3,4,1\n");
        box.Fails(1, ["evaluate", "--model", model, "--data", data], "m.bp", "wobble");
        box.Fails(1, ["summary", "--model", model], "m.bp", "wobble");
    }

    /// <summary>pictures/dark/{a,b}.bmp (near black) and pictures/light/{a,b}.bmp (near white), 4×4 pixels each.</summary>
    private static string ImageFolder(CliSandbox box)
    {
        foreach (var (label, level) in new[] { ("dark", 20), ("light", 230) })
        {
            Directory.CreateDirectory(box.PathOf(Path.Combine("pictures", label)));
            box.WriteBytes(Path.Combine("pictures", label, "a.bmp"), TestImages.Bmp(4, 4, (_, _, _) => (byte)level));
            box.WriteBytes(Path.Combine("pictures", label, "b.bmp"), TestImages.Bmp(4, 4, (_, _, _) => (byte)(level + 10)));
        }
        return box.PathOf("pictures");
    }
}
