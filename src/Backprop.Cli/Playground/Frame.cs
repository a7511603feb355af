namespace Backprop.Cli.Playground;

/// <summary>What the page draws after an update: the output heat map (<see cref="Grid.Size"/>² bytes, 0 … 255 for
/// output 0 … 1, or −1 … 1 in regression), one small map per neuron, the weights and biases, and the costs.
/// <see cref="Generation"/> changes when the network is rebuilt, so the page restarts its cost curves.</summary>
public sealed record Frame(
    long Version,
    int Generation,
    int DataVersion,
    int Epoch,
    long Steps,
    double TrainCost,
    double TestCost,
    bool Playing,
    string? Message,
    byte[] Output,
    LayerView[] Layers,
    string[] Shapes);

/// <summary>One layer as the page draws it: a heat map per unit (<see cref="Grid.NeuronSize"/>² bytes), and for a dense
/// layer its W[l] rows (n[l] × n[l−1]) and b[l]. Layer 0 is the input features, with no weights.</summary>
public sealed record LayerView(string[] Names, byte[][] Maps, float[][]? Weights, float[]? Biases);

/// <summary>The points as the page draws them: (x1, x2, colour) triples, colour 0 … 1 the label on the heat map's scale.</summary>
public sealed record PointSet(int Version, string Dataset, bool Regression, string[] Columns, string Target, float[] Train, float[] Test);
