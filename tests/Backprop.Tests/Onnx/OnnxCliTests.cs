using System.Globalization;
using Backprop.Data;
using Backprop.Models;
using Backprop.Tensors;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Onnx;

/// <summary><c>backprop export</c> and <c>backprop import</c>: the models <c>backprop train</c> makes by default (tables,
/// the planar default, the course's cat images) run in ONNX Runtime on the same raw inputs as <c>backprop predict</c> and
/// give its outputs to 1e-5; bad files and flags are one line and an exit code.</summary>
public class OnnxCliTests
{
    [Theory]
    [InlineData("binary")]
    [InlineData("regression")]
    [InlineData("multiclass")]
    public void A_table_model_exported_runs_in_OnnxRuntime_on_raw_columns_like_predict(string kind)
    {
        using var box = new CliSandbox();
        var (table, target) = kind switch
        {
            "binary" => (CliTables.Binary(), "y"),
            "regression" => (CliTables.Regression(), "price"),
            _ => (CliTables.Multiclass(), "species"),
        };
        var data = box.Write("t.csv", table);
        var (model, onnx) = (box.PathOf("m.bp"), box.PathOf("m.onnx"));
        Assert.Equal(0, box.Run("train", "--data", data, "--target", target, "--out", model, "--epochs", "5", "--quiet").ExitCode);
        var export = box.Run("export", "--model", model, "--onnx", onnx);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("input 'features' [batch, ", export.Out);

        var loaded = ModelFile.Load<float>(model);
        var preprocessor = TablePreprocessor.FromJson(loaded.Metadata["preprocessing"]);
        var csv = CsvTable.Read(data);
        var expected = loaded.Model.PredictValues(preprocessor.TransformFeatures<float>(csv));
        if (loaded.Metadata.TryGetValue("target_scale", out var scaleJson))
        {
            var scale = Backprop.Cli.Inputs.TargetScale.FromMetadata(loaded.Metadata)!;
            var s = expected.AsSpan();
            for (int i = 0; i < s.Length; i++) s[i] = (float)(s[i] * scale.Std + scale.Mean);
        }
        var actual = OnnxRuntimeRunner.Run(File.ReadAllBytes(onnx), RawFeatures(csv, preprocessor));
        Assert.True(OnnxRuntimeRunner.MaxDifference(actual, expected) <= 1e-5, $"difference {OnnxRuntimeRunner.MaxDifference(actual, expected):G3}");
    }

    [Fact]
    public void The_default_planar_model_exported_runs_in_OnnxRuntime_like_predict()
    {
        using var box = new CliSandbox();
        var (model, onnx) = (box.PathOf("m.bp"), box.PathOf("m.onnx"));
        Assert.Equal(0, box.Run("train", "--out", model, "--epochs", "3", "--quiet").ExitCode);
        Assert.Equal(0, box.Run("export", "--model", model, "--onnx", onnx).ExitCode);
        var x = Planar.Generate<float>().X;
        var expected = ModelFile.Load<float>(model).Model.PredictValues(x);
        Assert.True(OnnxRuntimeRunner.MaxDifference(OnnxRuntimeRunner.Run(File.ReadAllBytes(onnx), x), expected) <= 1e-5);
    }

    [SkippableFact]
    public void The_course_cat_model_exported_takes_raw_pixels_and_runs_in_OnnxRuntime_like_predict()
    {
        var train = TestData.Dataset("catvnoncat", "train_catvnoncat.h5");
        using var box = new CliSandbox();
        var (model, onnx) = (box.PathOf("cat.bp"), box.PathOf("cat.onnx"));
        var run = box.Run("train", "--data", train, "--out", model, "--epochs", "2", "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, box.Run("export", "--model", model, "--onnx", onnx).ExitCode);
        var x = CatVsNonCat.Read<float>(train, "train_set_x", "train_set_y").X;
        var pixels = Tensor<float>.FromArray(x.AsReadOnlySpan().ToArray().Select(v => MathF.Round(v * 255)).ToArray(), x.Shape.ToArray());
        var expected = ModelFile.Load<float>(model).Model.PredictValues(x);
        Assert.True(OnnxRuntimeRunner.MaxDifference(OnnxRuntimeRunner.Run(File.ReadAllBytes(onnx), pixels), expected) <= 1e-5);
    }

    [Fact]
    public void Export_then_import_gives_a_model_that_predicts_exactly_as_the_original()
    {
        using var box = new CliSandbox();
        var data = box.Write("t.csv", CliTables.Binary());
        var (model, onnx, back) = (box.PathOf("m.bp"), box.PathOf("m.onnx"), box.PathOf("back.bp"));
        Assert.Equal(0, box.Run("train", "--data", data, "--target", "y", "--out", model, "--epochs", "5", "--quiet").ExitCode);
        Assert.Equal(0, box.Run("export", "--model", model, "--onnx", onnx).ExitCode);
        var import = box.Run("import", "--onnx", onnx, "--out", back);
        Assert.True(import.ExitCode == 0, import.ToString());
        var original = box.Run("predict", "--model", model, "--data", data);
        var again = box.Run("predict", "--model", back, "--data", data);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(original.Out, again.Out);
    }

    [Fact]
    public void A_PyTorch_MLP_imported_by_the_CLI_predicts_from_a_csv()
    {
        using var box = new CliSandbox();
        var fixture = OnnxFixture.Load("mlp");
        var model = box.PathOf("torch.bp");
        Assert.Equal(0, box.Run("import", "--onnx", fixture.Path, "--out", model).ExitCode);
        var rows = Enumerable.Range(0, fixture.Input.Dim(0))
            .Select(i => string.Join(',', Enumerable.Range(0, 4).Select(j => fixture.Input[i, j].ToString("R", CultureInfo.InvariantCulture))));
        var data = box.Write("x.csv", "a,b,c,d\n" + string.Join('\n', rows) + "\n");
        var predict = box.Run("predict", "--model", model, "--data", data);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Equal(fixture.Input.Dim(0) + 1, predict.Out.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void Summary_states_the_ONNX_input_contract_of_a_table_with_categorical_columns()
    {
        using var box = new CliSandbox();
        var data = box.Write("t.csv", CliTables.Binary());
        var model = box.PathOf("m.bp");
        Assert.Equal(0, box.Run("train", "--data", data, "--target", "y", "--out", model, "--epochs", "2", "--quiet").ExitCode);
        var summary = box.Run("summary", "--model", model).Out;
        Assert.Contains("ONNX input (backprop export) features: float32 [batch, 5]", summary);
        Assert.Contains("[2..4] color: one-hot", summary);
    }

    [Fact]
    public void Bad_ONNX_files_and_flags_are_one_line_with_exit_codes_1_and_2()
    {
        using var box = new CliSandbox();
        var good = File.ReadAllBytes(OnnxFixture.Load("mlp").Path);
        var cut = box.WriteBytes("cut.onnx", good[..(good.Length / 2)]);
        box.Fails(1, ["import", "--onnx", cut, "--out", box.PathOf("m.bp")], "cut.onnx", "truncated");
        var odd = Backprop.Onnx.Proto.ModelProto.Parser.ParseFrom(good);
        odd.Graph.Node.Single(n => n.Name == "/1/Relu").OpType = "Elu";
        var unsupported = box.WriteBytes("odd.onnx", Google.Protobuf.MessageExtensions.ToByteArray(odd));
        box.Fails(1, ["import", "--onnx", unsupported, "--out", box.PathOf("m.bp")], "unsupported ONNX op", "Elu ('/1/Relu')");
        box.Fails(1, ["import", "--onnx", box.PathOf("none.onnx"), "--out", box.PathOf("m.bp")], "none.onnx");
        box.Fails(1, ["export", "--model", box.PathOf("none.bp"), "--onnx", box.PathOf("m.onnx")], "none.bp");
        box.Fails(2, ["export", "--model", box.PathOf("none.bp"), "--onnx", box.PathOf("m.txt")], "--onnx", ".onnx");
        var notModel = box.Plant("planted.bp");
        box.Fails(1, ["export", "--model", notModel, "--onnx", box.PathOf("m.onnx")], "planted.bp");
    }

    /// <summary>The exported model's input: numeric cells as numbers (NaN when missing), categorical cells one-hot
    /// (the most frequent training category when missing) — the contract in the model's doc string.</summary>
    private static Tensor<float> RawFeatures(CsvTable csv, TablePreprocessor p)
    {
        var x = Tensor<float>.Zeros(csv.RowCount, p.FeatureCount);
        for (int r = 0; r < csv.RowCount; r++)
        {
            int k = 0;
            foreach (var column in p.Columns)
            {
                var cell = csv[r, csv.ColumnIndex(column.Name)];
                if (column is CategoricalColumn c)
                {
                    int at = Array.IndexOf(c.Categories, cell.Length == 0 ? c.Fill : cell);
                    if (at >= 0) x[r, k + at] = 1;
                }
                else x[r, k] = cell.Length == 0 ? float.NaN : float.Parse(cell, CultureInfo.InvariantCulture);
                k += column.Width;
            }
        }
        return x;
    }
}
