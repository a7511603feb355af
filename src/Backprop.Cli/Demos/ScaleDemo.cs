using Backprop.Cli.Output;
using System.CommandLine;
using System.Diagnostics;
using Backprop.Data;
using Backprop.Initializers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;
using static Backprop.Cli.Demos.DemoText;

namespace Backprop.Cli.Demos;

/// <summary><c>backprop demo scale</c>: the notes' "scale drives deep learning" figure, measured. Test accuracy against the
/// number m of labelled training examples (the first m of MNIST or Fashion-MNIST) for logistic regression (softmax over
/// the 784 pixels, the "traditional learner") and small, medium and large ReLU networks, all trained with Adam on
/// mini-batches of 64. Each run takes max(epochs, enough epochs for --min-steps steps), so small sets are not starved of
/// updates; the test set is the same for every run.</summary>
public static class ScaleDemo
{
    /// <summary>The four learners: name and hidden layer sizes (none for logistic regression).</summary>
    public static readonly IReadOnlyList<(string Name, int[] Hidden)> Learners =
        [("logistic regression", []), ("small NN [32]", [32]), ("medium NN [128, 64]", [128, 64]), ("large NN [512, 256]", [512, 256])];

    public sealed record Settings(string Data = "mnist", int[]? Sizes = null, int Epochs = 5, int MinSteps = 300,
        int TestExamples = 10_000, string? Cache = null, string Out = ".")
    {
        public int[] TrainSizes => Sizes ?? [100, 300, 1000, 3000, 10_000, 60_000];
    }

    /// <summary>Accuracy[size index, learner index] on the test examples, and the PNG's path.</summary>
    public sealed record Result(int[] Sizes, double[,] Accuracy, string PngPath);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "mnist or fashion-mnist (default mnist).", DefaultValueFactory = _ => "mnist" };
        var sizes = new Option<string>("--sizes") { Description = "Training-set sizes, comma-separated (default 100,300,1000,3000,10000,60000).", DefaultValueFactory = _ => "100,300,1000,3000,10000,60000" };
        var maxExamples = new Option<int?>("--max-examples") { Description = "Leave out the sizes above this many examples." };
        var epochs = DemoOptions.Int("--epochs", 5, "Passes over each training set (at least)");
        var minSteps = DemoOptions.Int("--min-steps", 300, "Gradient steps at least, whatever the size");
        var test = DemoOptions.Int("--test-examples", 10_000, "Test examples to score on");
        var cache = new Option<string?>("--cache") { Description = "Folder holding (or to download) the data set (default: BACKPROP_DATA, else ~/.backprop/datasets)." };
        var output = DemoOptions.Out();
        var command = new Command("scale", "Test accuracy against the amount of labelled data: logistic regression and small, medium and large networks (PNG, log x).")
        { data, sizes, maxExamples, epochs, minSteps, test, cache, output };
        command.SetAction(parse =>
        {
            var chosen = DemoOptions.Sizes(parse.GetValue(sizes)!, "--sizes");
            if (parse.GetValue(maxExamples) is int max)
            {
                chosen = chosen.Where(s => s <= DemoOptions.AtLeast(max, 1, "--max-examples")).ToArray();
                if (chosen.Length == 0) throw CliException.Usage($"--max-examples {max} leaves none of the sizes; the smallest is {DemoOptions.Sizes(parse.GetValue(sizes)!, "--sizes")[0]}.");
            }
            var name = parse.GetValue(data)!.ToLowerInvariant();
            if (name is not ("mnist" or "fashion-mnist")) throw CliException.Usage($"--data must be mnist or fashion-mnist, got '{parse.GetValue(data)}'.");
            Run(new Settings(name, chosen, DemoOptions.AtLeast(parse.GetValue(epochs), 1, "--epochs"), DemoOptions.AtLeast(parse.GetValue(minSteps), 0, "--min-steps"),
                DemoOptions.AtLeast(parse.GetValue(test), 1, "--test-examples"), parse.GetValue(cache), parse.GetValue(output)!), parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    public static Result Run(Settings s, TextWriter output)
    {
        var (train, test) = s.Data == "mnist" ? Datasets.Mnist(s.Cache) : Datasets.FashionMnist(s.Cache);
        var sizes = s.TrainSizes.Where(n => n <= train.Count).ToArray();
        if (sizes.Length < s.TrainSizes.Length) output.WriteLine($"(sizes above {train.Count:N0}, the whole training set, are left out)");
        if (sizes.Length == 0) throw CliException.Usage($"every size is above the {train.Count:N0} training examples.");
        int testCount = Math.Min(s.TestExamples, test.Count);
        var testX = test.X.Rows(0, testCount);
        var testLabels = test.Labels().AsSpan(0, testCount).ToArray();
        var trainY = Dataset<float>.OneHot(train.Labels(), 10);
        Heading(output, $"Scale: test accuracy on {testCount:N0} {s.Data} test images against training-set size");

        var accuracy = new double[sizes.Length, Learners.Count];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < sizes.Length; i++)
        {
            int m = sizes[i];
            int stepsPerEpoch = (m + Batch - 1) / Batch;
            int epochs = Math.Max(s.Epochs, (s.MinSteps + stepsPerEpoch - 1) / stepsPerEpoch);
            for (int l = 0; l < Learners.Count; l++)
            {
                var model = Build(Learners[l].Hidden, seed: (uint)(l + 1));
                model.Fit(train.X.Rows(0, m), trainY.Rows(0, m), Loss.SoftmaxCrossEntropy, new Adam(1e-3),
                    TrainingOptions.MiniBatch(epochs, Batch, new NumpyRandom(7), recordCostEvery: 1 << 20));
                var predicted = model.PredictLabels(testX);
                accuracy[i, l] = (double)predicted.Zip(testLabels).Count(p => p.First == p.Second) / testCount;
            }
            output.WriteLine($"  m = {m,6:N0}: {epochs} epoch(s), {epochs * stepsPerEpoch} steps per learner, {clock.Elapsed.TotalSeconds:F0} s so far");
        }
        output.WriteLine();
        Table(output, ["examples", .. Learners.Select(l => l.Name)],
            sizes.Select((m, i) => new[] { m.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) }
                .Concat(Enumerable.Range(0, Learners.Count).Select(l => Percent(accuracy[i, l]))).ToArray()));
        Claims(output, sizes, accuracy);

        var path = DemoOptions.OutputPath(s.Out, $"scale-{s.Data}.png");
        DemoPlots.Lines(path, $"Scale drives deep learning ({s.Data}, measured)", "labelled training examples m", "test accuracy",
            Learners.Select((l, j) => new DemoSeries(l.Name, sizes.Select(n => (double)n).ToArray(),
                Enumerable.Range(0, sizes.Length).Select(i => accuracy[i, j]).ToArray())).ToList(), logX: true);
        Wrote(output, "the figure", path);
        return new Result(sizes, accuracy, path);
    }

    private const int Batch = 64;

    private static Sequential<float> Build(int[] hidden, uint seed)
    {
        var model = Sequential<float>.FromLayerDims([784, .. hidden, 10], Activation.Relu, Activation.Softmax);
        model.Initialize(hidden.Length == 0 ? Initializer.Zeros : Initializer.He, new NumpyRandom(seed));
        return model;
    }

    private static void Claims(TextWriter output, int[] sizes, double[,] accuracy)
    {
        int last = sizes.Length - 1, learners = Learners.Count;
        var order = Enumerable.Range(0, learners).OrderByDescending(l => accuracy[last, l])
            .Select(l => $"{Learners[l].Name.Split(" [")[0]} {F(100 * accuracy[last, l], "F2")} %");
        bool largeWins = Enumerable.Range(0, learners).All(l => accuracy[last, learners - 1] >= accuracy[last, l]);
        Claim(output, "with a lot of data, larger networks do better: large > medium > small > traditional learner.",
            $"at m = {sizes[last]:N0} the order is {string.Join(" > ", order)}" + (largeWins ? "; the large network is best." : "; the large network is not the best here."));
        if (sizes.Length >= 2)
        {
            int prev = last - 1;
            double lrGain = accuracy[last, 0] - accuracy[prev, 0], nnGain = accuracy[last, learners - 1] - accuracy[prev, learners - 1];
            Claim(output, "the traditional learner's curve plateaus as data grows; the networks keep improving.",
                $"from m = {sizes[prev]:N0} to {sizes[last]:N0} logistic regression gains {F(100 * lrGain, "F1")} points, the large network {F(100 * nnGain, "F1")}.");
        }
        double spread = Enumerable.Range(0, learners).Max(l => accuracy[0, l]) - Enumerable.Range(0, learners).Min(l => accuracy[0, l]);
        Claim(output, "with little data the order of the algorithms is not well defined.",
            $"at m = {sizes[0]:N0} the four lie within {F(100 * spread, "F1")} points of each other; best: {Learners[Enumerable.Range(0, learners).MaxBy(l => accuracy[0, l])].Name}.");
    }
}
