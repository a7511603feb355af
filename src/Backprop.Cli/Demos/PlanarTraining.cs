using Backprop.Course;
using Backprop.Data;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;

namespace Backprop.Cli.Demos;

/// <summary>The init and activations demos' shared experiment: a [2, hidden…, 1] network with a sigmoid output, trained on
/// the planar flower by full-batch gradient descent on the cross-entropy cost (the notebooks' loop, <see cref="CourseRun"/>).</summary>
public static class PlanarTraining
{
    public static Dataset<double> Data { get; } = Planar.Generate<double>();

    public static Sequential<double> Build(int[] hidden, IActivation activation, IInitializer initializer, uint seed = 3)
    {
        var model = Sequential<double>.FromLayerDims([2, .. hidden, 1], activation, Activation.Sigmoid);
        model.Initialize(initializer, new NumpyRandom(seed));
        return model;
    }

    public static PlanarRun Train(string name, Sequential<double> model, double learningRate, int iterations)
    {
        var history = CourseRun.Train(model, Data.X, Data.Y, learningRate, iterations, printEvery: Math.Max(1, iterations / 200));
        return new PlanarRun(name, model, CourseRun.Accuracy(model, Data.X, Data.Y), history.Costs, history.StopReason);
    }

    /// <summary>W of the first layer, [hidden units × 2]: row i holds unit i's incoming weights.</summary>
    public static double[,] FirstWeights(Sequential<double> model)
    {
        var w = ((Dense<double>)model.Layers[0]).Weight.Value;
        var rows = new double[w.Dim(0), w.Dim(1)];
        for (int i = 0; i < w.Dim(0); i++)
            for (int j = 0; j < w.Dim(1); j++) rows[i, j] = w[i, j];
        return rows;
    }

    /// <summary>The largest |W[i, j] − W[0, j]| over all hidden units i: 0 when every unit has the same weights.</summary>
    public static double RowSpread(double[,] w)
    {
        double spread = 0;
        for (int i = 1; i < w.GetLength(0); i++)
            for (int j = 0; j < w.GetLength(1); j++) spread = Math.Max(spread, Math.Abs(w[i, j] - w[0, j]));
        return spread;
    }

    public static DemoSeries CostSeries(PlanarRun run, int colorIndex = -1) =>
        new(run.Name, run.Costs.Select(c => (double)c.Step).ToArray(), run.Costs.Select(c => c.Cost).ToArray(), ColorIndex: colorIndex);
}
