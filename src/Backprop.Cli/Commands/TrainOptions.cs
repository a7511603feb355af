using System.CommandLine;

namespace Backprop.Cli.Commands;

/// <summary>The flags of <c>backprop train</c>, declared once so parsing and help agree.</summary>
internal sealed class TrainOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Training data: CSV (with --target), course HDF5 (.h5), MNIST IDX (.gz) or a folder of images (one sub-folder per class). Omit to train on the course's planar flower data." };
    public Option<string?> Target { get; } = new("--target") { Description = "CSV column to predict." };
    public Option<string?> Task { get; } = new("--task") { Description = "binary | multiclass | regression (inferred from the target when omitted) | text (a character-level LSTM on a text file; sample it with backprop generate)." };
    public Option<string?> Architecture { get; } = new("--model") { Description = "Architecture: mlp | cnn. Default: cnn (a small convolutional network: 3 × [conv 3×3 + ReLU + max-pool 2], global average pooling, dense 64) for image inputs (image folders, HDF5 image sets, IDX files); mlp (dense layers, see --layers) for tables and the planar data, or when --layers is given." };
    public Option<string?> Layers { get; } = new("--layers") { Description = "Hidden layer sizes, e.g. 20,7,5 (default: sized from the data)." };
    public Option<string> Activation { get; } = new("--activation") { Description = "Hidden activation: tanh (default: smoother boundaries, better on small tables) | relu | sigmoid | leaky-relu.", DefaultValueFactory = _ => "tanh" };
    public Option<string?> Init { get; } = new("--init") { Description = "he | xavier | course | small (default: he for relu, xavier otherwise)." };
    public Option<string> Optimizer { get; } = new("--optimizer") { Description = "gd | momentum | rmsprop | adam.", DefaultValueFactory = _ => "adam" };
    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Learning rate α (default 0.003 for adam/rmsprop, 0.01 for gd/momentum)." };
    public Option<int?> Iterations { get; } = new("--iterations") { Description = "Full-batch gradient steps (the course's loop); excludes --epochs." };
    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Passes over the data in mini-batches (default: about 12000 steps, 10 to 1000 epochs, with early stopping)." };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Examples per mini-batch (default 64)." };
    public Option<double> L2 { get; } = new("--l2") { Description = "L2 regularisation λ (the course's λ; divided by m).", DefaultValueFactory = _ => 0.0 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed for initialisation, splits and shuffling.", DefaultValueFactory = _ => 1 };
    public Option<double> TestSplit { get; } = new("--test-split") { Description = "Fraction held out for the final test metrics.", DefaultValueFactory = _ => 0.2 };
    public Option<double> ValidationSplit { get; } = new("--validation-split") { Description = "Fraction of the training part used for early stopping.", DefaultValueFactory = _ => 0.1 };
    public Option<int> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop after this many epochs without validation improvement, and keep the best weights (0 = off).", DefaultValueFactory = _ => 100 };
    public Option<string[]> Keep { get; } = new("--keep") { Description = "CSV columns to use even though they look unhelpful (constant, a unique id, free text), e.g. --keep id,name.", AllowMultipleArgumentsPerToken = true };
    public Option<bool> DropMissing { get; } = new("--drop-missing") { Description = "Drop CSV rows with empty fields instead of imputing them." };
    public Option<int> CheckpointEvery { get; } = new("--checkpoint-every") { Description = "Write OUT.checkpoint.bp every N epochs (iterations with --iterations); 0 = never.", DefaultValueFactory = _ => 0 };
    public Option<string?> Resume { get; } = new("--resume") { Description = "Continue from a checkpoint written by --checkpoint-every (same data and flags); the result equals an uninterrupted run." };
    public Option<string> Out { get; } = new("--out") { Description = "Where to write the model.", DefaultValueFactory = _ => "model.bp" };
    public Option<string?> Plot { get; } = new("--plot") { Description = "Where to write the cost curve PNG (default: beside the model, OUT-cost.png; for two features also OUT-boundary.png, the decision boundary)." };
    public Option<bool> NoPlot { get; } = new("--no-plot") { Description = "Write no plots." };
    public Option<string?> XKey { get; } = new("--x-key") { Description = "HDF5 dataset holding the inputs (default train_set_x)." };
    public Option<string?> YKey { get; } = new("--y-key") { Description = "HDF5 dataset holding the labels (default train_set_y)." };
    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Print only the result." };
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object with the result." };

    public IEnumerable<Option> All =>
    [
        Data, Target, Task, Architecture, Layers, Activation, Init, Optimizer, LearningRate, Iterations, Epochs, BatchSize, L2, Seed,
        TestSplit, ValidationSplit, EarlyStopping, Keep, DropMissing, CheckpointEvery, Resume, Out, Plot, NoPlot, XKey, YKey, Quiet, Json,
    ];
}
