using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Flags;
using Backprop.Data.Tokens;
using Backprop.Defaults;

namespace Backprop.Cli.Commands;

/// <summary>The flags of <c>backprop train</c>, declared once so parsing and help agree. No option carries a default
/// value: an absent flag means "the run's default", and each description quotes it from <see cref="TrainingDefaults"/>.</summary>
internal sealed class TrainOptions
{
    private static string N(double x) => x.ToString(CultureInfo.InvariantCulture);

    public Option<string?> Data { get; } = new("--data") { Description = "Training data: a CSV table (with --target), course HDF5 (.h5), MNIST IDX (.gz), a folder of images (one sub-folder per class), a .txt file (a character model), or a catalogued name (backprop datasets list). Omit to train on the course's planar flower." };
    public Option<string?> Target { get; } = new("--target") { Description = "CSV column to predict." };
    public Option<string?> Task { get; } = new("--task") { Description = "binary | multiclass | regression (inferred from the target when omitted) | text (a language model on any text file, on the tokens of --tokenizer; sample it with backprop generate)." };
    public Option<string?> Architecture { get; } = new("--model") { Description = "Architecture: mlp | cnn, or lstm | transformer for text (default lstm: the course's character LSTM; transformer: a character GPT; both on GPT-2 tokens with --tokenizer gpt2). Default: cnn (3 × [conv 3×3 + batch norm + ReLU + max-pool 2], global average pooling, dropout, dense 64, dropout; AdamW in batches of 32 on a warm-up + cosine schedule) for images; mlp (dense layers, see --layers) for tables and the planar data, or when --layers is given." };
    public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = $"Tokens of a text run: {string.Join(" | ", Tokenization.Names)} (default {TrainingDefaults.Text.Tokenizer}: one token per character; gpt2: GPT-2's byte-pair encoding, offline, kept to the GPT-2 tokens that occur in the training text, so the model's vocabulary is those V tokens, not 50,257). The tokenizer and its vocabulary are stored in the model; text given to predict later must encode to tokens of that vocabulary, else predict stops with a one-line error naming the line and the token." };
    public Option<string?> Augment { get; } = new("--augment") { Description = $"Image augmentation while the CNN trains (never at evaluate/predict): {TrainingDefaults.Augment.None} | {TrainingDefaults.Augment.Light} (random horizontal flip, shift by up to {N(TrainingDefaults.Augment.Shift * 100)} % of the side) | {TrainingDefaults.Augment.Full} (light + brightness ±{N(TrainingDefaults.Augment.Brightness)} and contrast ±{N(TrainingDefaults.Augment.Contrast * 100)} %). Default: {TrainingDefaults.Augment.Photos} for image folders and HDF5 photos, {TrainingDefaults.Augment.Digits} for IDX digits (a mirrored digit is another symbol); tables take only {TrainingDefaults.Augment.None}." };
    public Option<int[]?> Layers { get; } = new("--layers") { Description = "Hidden layer sizes, e.g. 20,7,5 (default: sized from the data; a text run takes one size, default " + TrainingDefaults.Text.HiddenSize + ").", CustomParser = FlagValues.Sizes, Arity = ArgumentArity.ExactlyOne };
    public Option<string?> Activation { get; } = new("--activation") { Description = "Hidden activation: tanh | relu | sigmoid | leaky-relu (default: tanh for tables, relu for images)." };
    public Option<string?> Init { get; } = new("--init") { Description = "he | xavier | course | small (default: he for relu, xavier otherwise)." };
    public Option<string?> Optimizer { get; } = new("--optimizer") { Description = $"{string.Join(" | ", Backprop.Optimizers.Optimizer.Names)} (default {TrainingDefaults.Optimizer}, {TrainingDefaults.Images.Optimizer} for the image CNN; adamw: Adam with decoupled weight decay λ = {N(TrainingDefaults.WeightDecay)} on the weights)." };
    public Option<double?> LearningRate { get; } = new("--lr") { Description = $"Learning rate α (default {N(TrainingDefaults.NetworkAdaptiveLearningRate)} for adam/adamw/rmsprop, {N(TrainingDefaults.GradientDescentLearningRate)} for gd/momentum; {N(TrainingDefaults.Text.LearningRate)} for text).", CustomParser = FlagValues.Number };
    public Option<int?> Iterations { get; } = new("--iterations") { Description = "Full-batch gradient steps (the course's loop); excludes --epochs.", CustomParser = FlagValues.WholeNumber };
    public Option<int?> Epochs { get; } = new("--epochs") { Description = $"Passes over the data in mini-batches (default: about {TrainingDefaults.TargetSteps} steps, {TrainingDefaults.MinEpochs} to {TrainingDefaults.MaxEpochs} epochs, with early stopping; the image CNN about {TrainingDefaults.Images.TargetSteps} steps, {TrainingDefaults.Images.MinEpochs} to {TrainingDefaults.Images.MaxEpochs} epochs).", CustomParser = FlagValues.WholeNumber };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = $"Examples per mini-batch (default {TrainingDefaults.BatchSize}; {TrainingDefaults.Images.BatchSize} for the image CNN, {TrainingDefaults.Text.BatchSize} for text).", CustomParser = FlagValues.WholeNumber };
    public Option<double?> L2 { get; } = new("--l2") { Description = "L2 regularisation λ (the course's λ; divided by m; default 0).", CustomParser = FlagValues.Number };
    public Option<int?> Seed { get; } = new("--seed") { Description = $"Seed for initialisation, splits and shuffling (default {TrainingDefaults.Seed}).", CustomParser = FlagValues.WholeNumber };
    public Option<double?> TestSplit { get; } = new("--test-split") { Description = $"Fraction held out for the final test metrics (default {N(TrainingDefaults.TestSplit)}).", CustomParser = FlagValues.Number };
    public Option<double?> ValidationSplit { get; } = new("--validation-split") { Description = $"Fraction of the training part used for early stopping (default {N(TrainingDefaults.ValidationSplit)}).", CustomParser = FlagValues.Number };
    public Option<int?> EarlyStopping { get; } = new("--early-stopping") { Description = $"Stop after this many epochs without validation improvement, and keep the best weights (0 = off; default {TrainingDefaults.EarlyStoppingPatience}; off for the image CNN, whose cosine schedule ends the run).", CustomParser = FlagValues.WholeNumber };
    public Option<string[]> Keep { get; } = new("--keep") { Description = "CSV columns to use even though they look unhelpful (constant, a unique id, free text), e.g. --keep id,name.", AllowMultipleArgumentsPerToken = true, CustomParser = FlagValues.List };
    public Option<string[]> Categorical { get; } = new("--categorical") { Description = "CSV columns to one-hot encode although their cells are numbers (codes such as a postcode), e.g. --categorical zip,grade.", AllowMultipleArgumentsPerToken = true, CustomParser = FlagValues.List };
    public Option<bool> DropMissing { get; } = new("--drop-missing") { Description = "Drop CSV rows with empty fields instead of imputing them." };
    public Option<int?> ImageSize { get; } = new("--image-size") { Description = $"Side s of the s × s images a folder is resized to (default: the median of the images' longer sides, clamped to {TrainingDefaults.MinImageSide}…{TrainingDefaults.MaxImageSide}); each image is centre-cropped to a square first, so nothing is stretched. Stored in the model, so evaluate and predict resize the same way.", CustomParser = FlagValues.WholeNumber };
    public Option<bool> SkipBadImages { get; } = new("--skip-bad-images") { Description = "Leave out image files whose header cannot be read (each one named in a note) instead of failing on the first; a file whose pixels turn out corrupt while training still stops the run naming it." };
    public Option<bool> Strict { get; } = new("--strict") { Description = "Fail instead of noting it when a CSV column would be left out (a constant, a unique id, free text), for pipelines." };
    public Option<int?> CheckpointEvery { get; } = new("--checkpoint-every") { Description = "Write OUT.checkpoint.bp every N epochs (iterations with --iterations); 0 = never (the default).", CustomParser = FlagValues.WholeNumber };
    public Option<string?> Resume { get; } = new("--resume") { Description = "Continue from a checkpoint written by --checkpoint-every (same data and flags); the result equals an uninterrupted run." };
    public Option<string?> Out { get; } = new("--out") { Description = "Where to write the model (default model.bp)." };
    public Option<string?> Plot { get; } = new("--plot") { Description = "Where to write the cost curve PNG (default: beside the model, OUT-cost.png; for two features also OUT-boundary.png, the decision boundary)." };
    public Option<bool> NoPlot { get; } = new("--no-plot") { Description = "Write no plots." };
    public Option<string?> XKey { get; } = new("--x-key") { Description = "HDF5 dataset holding the inputs (default train_set_x)." };
    public Option<string?> YKey { get; } = new("--y-key") { Description = "HDF5 dataset holding the labels (default train_set_y)." };
    public Option<bool> Distributed { get; } = new("--distributed") { Description = "Train data-parallel on MPI: start as mpirun -n N backprop train --distributed …; each rank trains on its share of every batch (--batch-size stays the global batch) and only rank 0 prints and writes files. Needs OpenMPI (Debian package openmpi-bin)." };
    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Print only the result." };
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object with the result." };

    public IEnumerable<Option> All =>
    [
        Data, Target, Task, Architecture, Tokenizer, Augment, Layers, Activation, Init, Optimizer, LearningRate, Iterations, Epochs, BatchSize, L2, Seed,
        TestSplit, ValidationSplit, EarlyStopping, Keep, Categorical, DropMissing, ImageSize, SkipBadImages, Strict, CheckpointEvery, Resume, Out, Plot, NoPlot, XKey, YKey, Distributed, Quiet, Json,
    ];
}
