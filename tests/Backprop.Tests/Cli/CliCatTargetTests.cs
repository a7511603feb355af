using System.Globalization;

namespace Backprop.Tests.Cli;

/// <summary>Issue #19's target: the default image model, with default flags only, on the course's cat vs non-cat —
/// <c>train --data train_catvnoncat.h5</c>, then <c>evaluate</c> on <c>test_catvnoncat.h5</c> — reaches ≥ 0.84 test accuracy
/// (the course's L-layer network: 0.80). CI runs it at every level: default, AVX2, 128-bit and scalar.</summary>
public sealed class CliCatTargetTests
{
    [SkippableFact]
    public void The_default_image_model_scores_at_least_0_84_on_the_course_cat_test_set()
    {
        var train = TestData.Dataset("catvnoncat", "train_catvnoncat.h5");
        var test = Path.Combine(Path.GetDirectoryName(train)!, "test_catvnoncat.h5");
        using var box = new CliSandbox();
        var model = box.PathOf("cat.bp");

        var trained = box.Run("train", "--data", train, "--out", model, "--no-plot", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var evaluated = box.Run("evaluate", "--model", model, "--data", test);
        Assert.True(evaluated.ExitCode == 0, evaluated.ToString());

        var accuracy = evaluated.Out.Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(parts => parts is ["accuracy", _]) [1];
        Assert.True(double.Parse(accuracy, CultureInfo.InvariantCulture) >= 0.84, evaluated.ToString());
    }
}
