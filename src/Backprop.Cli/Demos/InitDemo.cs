using Backprop.Cli.Flags;
using Backprop.Cli.Output;
using System.CommandLine;
using Backprop.Initializers;
using Backprop.Ops.Activations;
using static Backprop.Cli.Demos.DemoText;

namespace Backprop.Cli.Demos;

/// <summary><c>backprop demo init</c>: why not zeros, and why small. The same tanh network [2, 4, 1] on the planar flower,
/// trained alike from four starts: W = 0 (every hidden unit computes the same function, gets the same gradient, and stays
/// equal to the others: here dW1 = 0 outright, since W2 = 0 and tanh 0 = 0), W = 10·randn (tanh and the sigmoid saturate,
/// g′ ≈ 0, learning crawls), W = 0.01·randn (the notes' choice) and He, W = randn·√(2/n_prev).</summary>
public static class InitDemo
{
    public sealed record Settings(int Hidden = 4, int Iterations = 5000, double LearningRate = 1.2, string Out = ".");

    public sealed record Result(IReadOnlyList<PlanarRun> Runs, bool ZerosSymmetric, double ZerosRowSpread, string PngPath);

    public static IReadOnlyList<(string Name, IInitializer Initializer)> Starts { get; } =
        [("zeros", Initializer.Zeros), ("large random ×10", Initializer.ScaledNormal(10)), ("small random ×0.01", Initializer.Small), ("He", Initializer.He)];

    public static Command Create()
    {
        var hidden = DemoOptions.Int("--hidden", 4, "Hidden tanh units");
        var iterations = DemoOptions.Int("--iterations", 5000, "Gradient-descent iterations (full batch)");
        var rate = new Option<double>("--learning-rate") { Description = "Learning rate α (default 1.2, the course's).", DefaultValueFactory = _ => 1.2, CustomParser = FlagValues.Decimal };
        var output = DemoOptions.Out();
        var command = new Command("init", "Zeros, large random, small random and He initialisation on the planar data: accuracy, symmetry, cost curves (PNG).")
        { hidden, iterations, rate, output };
        command.SetAction(parse =>
        {
            double lr = parse.GetValue(rate);
            if (!(lr > 0) || double.IsInfinity(lr)) throw CliException.Usage($"--learning-rate must be a positive number, got {lr}.");
            Run(new Settings(DemoOptions.AtLeast(parse.GetValue(hidden), 2, "--hidden"), DemoOptions.AtLeast(parse.GetValue(iterations), 1, "--iterations"),
                lr, parse.GetValue(output)!), parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    public static Result Run(Settings s, TextWriter output)
    {
        Heading(output, $"Initialisation: a [2, {s.Hidden}, 1] tanh network on the planar flower, {s.Iterations} iterations at α = {F(s.LearningRate)}");
        var runs = Starts.Select(start => PlanarTraining.Train(start.Name,
            PlanarTraining.Build([s.Hidden], Activation.Tanh, start.Initializer), s.LearningRate, s.Iterations)).ToList();
        Table(output, ["initialisation", "first cost", "last cost", "accuracy", "spread of W1 rows"],
            runs.Select(r => new[] { r.Name, F(r.Costs[0].Cost, "F4"), F(r.FinalCost, "F4"), Percent(r.Accuracy),
                F(PlanarTraining.RowSpread(PlanarTraining.FirstWeights(r.Model)), "G3") }));
        foreach (var r in runs.Where(r => r.StopReason is not null)) output.WriteLine($"  {r.Name}: {r.StopReason}");

        var zeros = runs[0];
        var w1 = PlanarTraining.FirstWeights(zeros.Model);
        double spread = PlanarTraining.RowSpread(w1);
        bool symmetric = spread == 0;
        Claim(output, "initialised to zeros, all hidden units are symmetric: they compute the same function and keep the same weights, however long you train.",
            symmetric
                ? $"after {s.Iterations} iterations all {w1.GetLength(0)} rows of W1 are equal (largest difference {F(spread)}; W1[0] = [{F(w1[0, 0])}, {F(w1[0, 1])}]); accuracy {Percent(zeros.Accuracy)}, no better than one unit."
                : $"the rows of W1 differ by up to {F(spread)}: the hidden units did NOT stay symmetric.");
        var large = runs[1];
        var best = runs.Skip(2).MaxBy(r => r.Accuracy)!;
        Claim(output, "large random weights saturate tanh and the sigmoid, so gradients are tiny and learning is slow; small random weights break symmetry and learn.",
            $"×10 starts at cost {F(large.Costs[0].Cost, "F3")} and reaches {Percent(large.Accuracy)}; ×0.01 reaches {Percent(runs[2].Accuracy)}, He {Percent(runs[3].Accuracy)} (best: {best.Name}).");

        var path = DemoOptions.OutputPath(s.Out, "init-costs.png");
        DemoPlots.Lines(path, $"Cost by initialisation ([2, {s.Hidden}, 1] tanh, planar flower)", "iteration", "cost J",
            runs.Select(r => PlanarTraining.CostSeries(r)).ToList());
        Wrote(output, "the cost curves", path);
        return new Result(runs, symmetric, spread, path);
    }
}
