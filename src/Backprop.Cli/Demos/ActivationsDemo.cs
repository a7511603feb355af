using Backprop.Cli.Flags;
using Backprop.Cli.Output;
using System.CommandLine;
using Backprop.Initializers;
using Backprop.Ops.Activations;
using Backprop.Tensors;
using static Backprop.Cli.Demos.DemoText;

namespace Backprop.Cli.Demos;

/// <summary><c>backprop demo activations</c>: σ(z) = 1/(1 + e^−z) with σ′ = σ(1 − σ); tanh with 1 − tanh²; ReLU max(0, z)
/// with 0 or 1; leaky ReLU max(0.01z, z) with 0.01 or 1. The functions and derivatives are computed by the engine's own
/// activations (forward, then backward with dA = 1) and plotted; then the same [2, hidden, 1] network, same seed and
/// Xavier start, is trained on the planar flower with each as its hidden activation.</summary>
public static class ActivationsDemo
{
    public sealed record Settings(int Hidden = 10, int Iterations = 3000, double LearningRate = 0.5, string Out = ".");

    public sealed record Result(IReadOnlyList<PlanarRun> Runs, string FunctionsPng, string CostsPng);

    public static IReadOnlyList<IActivation> Functions { get; } = [Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu()];

    public static Command Create()
    {
        var hidden = DemoOptions.Int("--hidden", 10, "Hidden units");
        var iterations = DemoOptions.Int("--iterations", 3000, "Gradient-descent iterations (full batch)");
        var rate = new Option<double>("--learning-rate") { Description = "Learning rate α (default 0.5).", DefaultValueFactory = _ => 0.5, CustomParser = FlagValues.Decimal };
        var output = DemoOptions.Out();
        var command = new Command("activations", "Sigmoid, tanh, ReLU and leaky ReLU with their derivatives (PNG), then the same network trained with each.")
        { hidden, iterations, rate, output };
        command.SetAction(parse =>
        {
            double lr = parse.GetValue(rate);
            if (!(lr > 0) || double.IsInfinity(lr)) throw CliException.Usage($"--learning-rate must be a positive number, got {lr}.");
            Run(new Settings(DemoOptions.AtLeast(parse.GetValue(hidden), 1, "--hidden"), DemoOptions.AtLeast(parse.GetValue(iterations), 1, "--iterations"),
                lr, parse.GetValue(output)!), parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    public static Result Run(Settings s, TextWriter output)
    {
        Heading(output, "Activations: g(z) and g′(z), then a network trained with each");
        var z = Tensor<double>.Arange(-5, 5.0001, 0.025);
        var series = new List<DemoSeries>();
        var derivatives = new Dictionary<string, Tensor<double>>();
        for (int i = 0; i < Functions.Count; i++)
        {
            var g = Functions[i];
            var a = Tensor<double>.ZerosLike(z);
            g.Forward(z, a);
            var dz = Tensor<double>.ZerosLike(z);
            g.Backward(z, a, Tensor<double>.Ones(z.Length), dz);
            derivatives[g.Name] = dz;
            series.Add(new DemoSeries(g.Name, z.ToArray(), a.ToArray(), ColorIndex: i));
            series.Add(new DemoSeries(g.Name + "′", z.ToArray(), dz.ToArray(), Dashed: true, ColorIndex: i));
        }
        double sigmoidPeak = derivatives["sigmoid"].ToArray().Max(), tanhPeak = derivatives["tanh"].ToArray().Max();
        double sigmoidAt5 = derivatives["sigmoid"].ToArray()[^1];
        Claim(output, "σ′ = σ(1 − σ) and tanh′ = 1 − tanh² become very small for large |z|, which slows gradient descent; ReLU′ is 1 for every z > 0.",
            $"max σ′ = {F(sigmoidPeak, "F4")}, max tanh′ = {F(tanhPeak, "F4")}; at z = 5 σ′ = {F(sigmoidAt5, "F4")}; ReLU′ = {F(derivatives["relu"].ToArray()[^1])} for z > 0, leaky ReLU′ = {F(derivatives[Functions[3].Name].ToArray()[0])} for z < 0.");
        var functionsPath = DemoOptions.OutputPath(s.Out, "activations.png");
        DemoPlots.Lines(functionsPath, "Activations g(z) (solid) and derivatives g′(z) (dashed)", "z", "g(z), g′(z)", series);
        Wrote(output, "the functions and derivatives", functionsPath);
        output.WriteLine();

        output.WriteLine($"The same [2, {s.Hidden}, 1] network (Xavier start, seed 3) on the planar flower, {s.Iterations} iterations at α = {F(s.LearningRate)}:");
        var runs = Functions.Select(g => PlanarTraining.Train(g.Name, PlanarTraining.Build([s.Hidden], g, Initializer.Xavier), s.LearningRate, s.Iterations)).ToList();
        int quarter = runs[0].Costs.Count / 4;
        Table(output, ["hidden activation", $"cost at {runs[0].Costs[quarter].Step}", "last cost", "accuracy"],
            runs.Select(r => new[] { r.Name, F(r.Costs[Math.Min(quarter, r.Costs.Count - 1)].Cost, "F4"), F(r.FinalCost, "F4"), Percent(r.Accuracy) }));
        foreach (var r in runs.Where(r => r.StopReason is not null)) output.WriteLine($"  {r.Name}: {r.StopReason}");
        var (sigmoid, tanh) = (runs[0], runs[1]);
        var bestRelu = runs[2].Accuracy >= runs[3].Accuracy ? runs[2] : runs[3];
        Claim(output, "tanh almost always works better than sigmoid in hidden layers (its outputs are centred on 0); ReLU and leaky ReLU learn fast.",
            $"tanh {Percent(tanh.Accuracy)} (cost {F(tanh.FinalCost, "F3")}) against sigmoid {Percent(sigmoid.Accuracy)} (cost {F(sigmoid.FinalCost, "F3")}): " +
            (tanh.FinalCost < sigmoid.FinalCost ? "tanh ahead" : "sigmoid ahead") + $"; {bestRelu.Name} {Percent(bestRelu.Accuracy)}, " +
            (bestRelu.Costs[Math.Min(quarter, bestRelu.Costs.Count - 1)].Cost < tanh.Costs[quarter].Cost ? "faster than tanh early on" : "not faster than tanh on this small network") +
            $"; best: {runs.MaxBy(r => r.Accuracy)!.Name}.");
        var costsPath = DemoOptions.OutputPath(s.Out, "activations-costs.png");
        DemoPlots.Lines(costsPath, $"Cost by hidden activation ([2, {s.Hidden}, 1], planar flower)", "iteration", "cost J",
            runs.Select((r, i) => PlanarTraining.CostSeries(r, i)).ToList());
        Wrote(output, "the cost curves", costsPath);
        return new Result(runs, functionsPath, costsPath);
    }
}
