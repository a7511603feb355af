using Backprop.Layers;
using System.Globalization;
using System.Text.Json;
using Backprop.Cli.Inputs;
using Backprop.Cli.Output;
using Backprop.Data;
using Backprop.Metrics;
using Backprop.Models;
using Backprop.Training;

namespace Backprop.Cli.Runs;

/// <summary>What a training run achieved — final cost, stop reason, train/test metrics — printed for people or as JSON,
/// and stored in the model file's metadata.</summary>
public sealed record RunReport(
    ModelTask Task,
    int[] LayerDims,
    int Steps,
    double FinalCost,
    string? StopReason,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, double> TrainMetrics,
    IReadOnlyDictionary<string, double>? TestMetrics,
    string Settings)
{
    /// <summary>The report of a finished network run; its settings are those the run really used (the plan's, not the flags').</summary>
    public static RunReport Create(Sequential<float> model, PreparedData data, IExampleSet<float> train, IExampleSet<float>? validation,
        TrainingHistory history, NetworkPlan plan, TrainSettings s, int batchSize)
    {
        var scale = TargetScale.FromMetadata(data.Metadata);
        var trainMetrics = MetricsOf(model, train, data.Task, scale);
        var testMetrics = data.Test is { Count: > 0 } test ? MetricsOf(model, test, data.Task, scale) : null;
        var settings = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = plan.Architecture, ["augment"] = plan.Augment, ["optimizer"] = plan.OptimizerName, ["learning_rate"] = plan.LearningRate, ["schedule"] = plan.Schedule(s.Iterations is null), ["hidden_activation"] = plan.Hidden.Name,
            ["initializer"] = plan.Initializer.Name, ["loss"] = plan.Loss.Name, ["iterations"] = s.Iterations,
            ["epochs"] = s.Iterations is null ? history.Epochs.Count : null, ["batch_size"] = s.Iterations is null ? batchSize : null,
            ["l2"] = s.L2, ["seed"] = s.Seed, ["test_split"] = s.TestSplit,
            ["validation_split"] = validation is null ? 0 : s.ValidationSplit, ["early_stopping"] = validation is null ? 0 : plan.EarlyStopping(s),
            ["steps"] = history.StepsCompleted,
        });
        double finalCost = history.Epochs.Count > 0 ? history.Epochs[^1].Cost : history.Costs.Count > 0 ? history.Costs[^1].Cost : double.NaN;
        return new RunReport(data.Task, model.LayerDims, history.StepsCompleted, finalCost, history.StopReason, history.Elapsed,
            trainMetrics, testMetrics, settings);
    }

    /// <summary>accuracy, precision, recall, f1 and loss for classification; mse, mae, r2 (in the target's own units) and loss for regression.</summary>
    public static Dictionary<string, double> MetricsOf(Module<float> model, IExampleSet<float> data, ModelTask task, TargetScale? scale)
    {
        task.Loss.CheckOutput(model.OutputActivation);
        var (a, y) = model.Outputs(data); // one batched pass: the metrics and the regression values both come from A
        var result = Evaluation.Score(model, a, y, task.Loss);
        var metrics = new Dictionary<string, double> { ["loss"] = result.Loss };
        if (result.Classification is { } c)
        {
            metrics["accuracy"] = c.Accuracy;
            metrics["precision"] = c.Precision;
            metrics["recall"] = c.Recall;
            metrics["f1"] = c.F1;
        }
        else
        {
            var predicted = a.AsReadOnlySpan();
            var actual = y.AsReadOnlySpan();
            double[] p = scale?.Unapply(predicted) ?? predicted.ToArray().Select(v => (double)v).ToArray();
            double[] t = scale?.Unapply(actual) ?? actual.ToArray().Select(v => (double)v).ToArray();
            var r = RegressionMetrics.Compute(p, t);
            metrics["mse"] = r.Mse;
            metrics["mae"] = r.Mae;
            metrics["r2"] = r.R2;
        }
        return metrics;
    }

    public Dictionary<string, string> Metadata(PreparedData data)
    {
        var metadata = new Dictionary<string, string>(data.Metadata)
        {
            ["task"] = Task.Name,
            ["training"] = Settings,
            ["metrics"] = JsonSerializer.Serialize(new { train = TrainMetrics, test = TestMetrics }, ReportJson.Options),
        };
        if (data.ClassNames is not null) metadata["classes"] = JsonSerializer.Serialize(data.ClassNames);
        return metadata;
    }

    /// <summary>The result for people (or one JSON object): what was trained, how it ended, its metrics and the files written.</summary>
    public void Print(TextWriter stdout, OutputMode mode, string modelPath, IReadOnlyList<string> plots)
    {
        if (mode == OutputMode.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["model"] = Path.GetFullPath(modelPath), ["task"] = Task.Name, ["layers"] = LayerDims, ["steps"] = Steps,
                ["final_cost"] = FinalCost, ["stopped"] = StopReason, ["seconds"] = Math.Round(Elapsed.TotalSeconds, 3),
                ["train"] = TrainMetrics, ["test"] = TestMetrics, ["plots"] = plots,
            }, ReportJson.Options));
            return;
        }
        if (mode == OutputMode.Human)
        {
            stdout.WriteLine($"Trained a {Task.Name} network [{string.Join(", ", LayerDims)}] for {Steps} steps in {Elapsed.TotalSeconds:F1} s; final cost {FinalCost:F6}.");
            if (StopReason is not null) stdout.WriteLine($"Stopped early: {StopReason}.");
            stdout.WriteLine($"train: {Format(TrainMetrics)}");
            if (TestMetrics is not null) stdout.WriteLine($"test:  {Format(TestMetrics)}");
        }
        stdout.WriteLine($"Model written to {Path.GetFullPath(modelPath)}");
        foreach (var plot in plots) stdout.WriteLine($"Plot written to {Path.GetFullPath(plot)}");
    }

    private static string Format(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(", ", metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:G6}")));
}
