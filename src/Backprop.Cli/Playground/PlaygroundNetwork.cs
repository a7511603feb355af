using Backprop.Cli.Inputs;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;
using ActivationFunctions = Backprop.Ops.Activations.Activation;

namespace Backprop.Cli.Playground;

/// <summary>One network being trained on one dataset, through the public API: a <see cref="Sequential{T}"/> of
/// <see cref="Dense{T}"/> layers trained one epoch at a time by <see cref="Trainer.Fit"/>.
/// An epoch (TensorFlow Playground's "iteration") is one shuffled pass over the training points. Used by one thread only.</summary>
public sealed class PlaygroundNetwork
{
    private readonly Tensor<float> _xTrain, _yTrain, _xTest, _yTest, _grid;
    private readonly NumpyRandom _shuffle;
    private readonly ILoss _loss;
    private IOptimizer _optimizer = null!;

    public PlaygroundNetwork(PlaygroundSettings settings, DataSource data)
    {
        Settings = settings;
        Data = data;
        var points = data.Points;
        var order = new NumpyRandom((uint)settings.Seed).Permutation(points.Length);
        int train = Math.Clamp((int)Math.Round(points.Length * settings.TrainPercent / 100.0), 1, points.Length - 1);
        (_xTrain, _yTrain) = Tensors(settings.Features, order.AsSpan(0, train).ToArray().Select(i => points[i]).ToArray());
        (_xTest, _yTest) = Tensors(settings.Features, order.AsSpan(train).ToArray().Select(i => points[i]).ToArray());
        TrainPoints = order.AsSpan(0, train).ToArray().Select(i => points[i]).ToArray();
        TestPoints = order.AsSpan(train).ToArray().Select(i => points[i]).ToArray();
        var (g1, g2) = Grid.Points();
        _grid = FeatureMap.Expand(settings.Features, g1, g2);

        var hidden = ActivationFunctions.Parse(settings.Activation);
        var output = data.IsRegression ? ActivationFunctions.Linear : ActivationFunctions.Sigmoid;
        _loss = data.IsRegression ? Loss.MeanSquaredError : Loss.BinaryCrossEntropy;
        int[] dims = [settings.Features.Length, .. settings.Hidden, 1];
        Model = Sequential<float>.FromLayerDims(dims, hidden, output);
        Model.Initialize(settings.Activation is "relu" or "leaky-relu" ? Initializer.He : Initializer.Xavier, new NumpyRandom((uint)settings.Seed));
        _shuffle = new NumpyRandom((uint)settings.Seed + 1);
        ApplyTrainingSettings(settings);
    }

    public PlaygroundSettings Settings { get; private set; }
    public DataSource Data { get; }
    public Sequential<float> Model { get; }
    public ToyPoint[] TrainPoints { get; }
    public ToyPoint[] TestPoints { get; }
    public int Epoch { get; private set; }
    public long Steps { get; private set; }

    /// <summary>Learning rate, optimiser, λ and batch size take effect at once, on the same weights (a new optimiser starts
    /// with fresh moments). L2 is the course's: dW += (λ/m)·W, m the training set's size.</summary>
    public void ApplyTrainingSettings(PlaygroundSettings settings)
    {
        Settings = settings;
        var inner = Optimizer.Parse(settings.Optimizer, settings.LearningRate);
        _optimizer = settings.L2 > 0 ? L2Regularization.FromCourse(inner, settings.L2, _xTrain.Dim(0)) : inner;
    }

    /// <summary>One epoch of mini-batch steps over the shuffled training points, through the library's
    /// <see cref="Trainer"/> (the same loop as <c>backprop train</c>). False when the cost became NaN or ±∞: the trainer then
    /// kept the last parameters with a finite cost.</summary>
    public bool RunEpoch()
    {
        var options = TrainingOptions.MiniBatch(1, Math.Min(Settings.BatchSize, _xTrain.Dim(0)), _shuffle);
        var history = Model.Fit(_xTrain, _yTrain, _loss, _optimizer, options);
        Steps += history.StepsCompleted;
        Epoch++;
        return history.StopKind != StopKind.Diverged;
    }

    /// <summary>The data cost J (without the L2 term) on the training and the test points.</summary>
    public (double Train, double Test) Costs()
    {
        double train = Model.Cost(_xTrain, _yTrain, _loss);
        return (train, Model.Cost(_xTest, _yTest, _loss));
    }

    /// <summary>Every unit's value over the plane: a forward pass over the grid, layer by layer, without recording, each
    /// layer's activations copied into byte maps before the next layer runs. Call it after <see cref="Costs"/>.</summary>
    public (byte[] Output, LayerView[] Layers) Maps()
    {
        var layers = new List<LayerView> { new([.. Settings.Features], UnitMaps(_grid, null), null, null) };
        byte[] output;
        Model.Eval();
        using (Graph.NoGrad())
        {
            // No BeginStep here: the layers' nodes used by the costs are still live in this step, so the grid pass takes
            // other nodes, which keep their 10000-row buffers from update to update instead of reallocating them.
            var a = _grid;
            var dense = Model.Layers.Cast<Dense<float>>().ToArray();
            for (int l = 0; l < dense.Length; l++)
            {
                a = dense[l].Forward(a);
                var w = dense[l].Weight.Value;
                var weights = Enumerable.Range(0, w.Dim(0)).Select(r => w.AsReadOnlySpan().Slice(r * w.Dim(1), w.Dim(1)).ToArray()).ToArray();
                bool last = l == dense.Length - 1;
                var names = Enumerable.Range(1, w.Dim(0)).Select(u => last ? "ŷ" : $"a[{l + 1}]{u}").ToArray();
                layers.Add(new LayerView(names, last ? [] : UnitMaps(a, Settings.Activation), weights, dense[l].Bias.Value.AsReadOnlySpan().ToArray()));
            }
            var values = a.AsReadOnlySpan();
            output = new byte[values.Length];
            for (int i = 0; i < values.Length; i++) output[i] = Grid.ToByte(Data.IsRegression ? (values[i] + 1) / 2 : values[i]);
        }
        Model.Train();
        return (output, [.. layers]);
    }

    /// <summary>The course's shapes: W[l] is (n[l], n[l−1]) and b[l] is (n[l], 1).</summary>
    public string[] Shapes() => Model.Layers.Cast<Dense<float>>()
        .Select((d, i) => $"W[{i + 1}]: ({d.OutputSize}, {d.InputSize})   b[{i + 1}]: ({d.OutputSize}, 1)").ToArray();

    /// <summary>A (x1, x2, colour) triple per point: colour is the label, or (y + 1)/2 for regression.</summary>
    public static float[] Triples(ToyPoint[] points, bool regression)
    {
        var t = new float[points.Length * 3];
        for (int i = 0; i < points.Length; i++)
        {
            t[3 * i] = (float)points[i].X1;
            t[3 * i + 1] = (float)points[i].X2;
            t[3 * i + 2] = (float)Math.Clamp(regression ? (points[i].Label + 1) / 2 : points[i].Label, 0, 1);
        }
        return t;
    }

    /// <summary>A small map per column of A (every <see cref="Grid.Stride"/>-th pixel), on a colour scale where the middle
    /// is 0: tanh (−1 … 1) as (a + 1)/2, sigmoid as it is, anything else divided by its largest |a| first.</summary>
    private static byte[][] UnitMaps(Tensor<float> a, string? activation)
    {
        int units = a.Dim(1);
        var s = a.AsReadOnlySpan();
        var maps = new byte[units][];
        for (int u = 0; u < units; u++)
        {
            double scale = 1;
            if (activation is not ("tanh" or "sigmoid"))
            {
                double max = 0;
                for (int i = 0; i < Grid.Size * Grid.Size; i++) max = Math.Max(max, Math.Abs(s[i * units + u]));
                scale = max > 0 ? 1 / max : 1;
            }
            var map = new byte[Grid.NeuronSize * Grid.NeuronSize];
            for (int r = 0; r < Grid.NeuronSize; r++)
                for (int c = 0; c < Grid.NeuronSize; c++)
                {
                    int pixel = (r * Grid.Stride + Grid.Stride / 2) * Grid.Size + c * Grid.Stride + Grid.Stride / 2;
                    double v = s[pixel * units + u];
                    map[r * Grid.NeuronSize + c] = Grid.ToByte(activation == "sigmoid" ? v : (v * scale + 1) / 2);
                }
            maps[u] = map;
        }
        return maps;
    }

    private static (Tensor<float> X, Tensor<float> Y) Tensors(string[] features, ToyPoint[] points)
    {
        var x = FeatureMap.Expand(features, points.Select(p => p.X1).ToArray(), points.Select(p => p.X2).ToArray());
        var y = Tensor<float>.FromArray(points.Select(p => (float)p.Label).ToArray(), points.Length, 1);
        return (x, y);
    }
}
