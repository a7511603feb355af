using Backprop.Cli.Output;
using Backprop.Defaults;

namespace Backprop.Cli.Inputs;

/// <summary>One kind of <c>--data</c> (a CSV table, a course HDF5 file, an MNIST IDX file, a folder of images, a text file,
/// the generated planar flower, a playground table): how to recognise it, how to read it for a training run, and how to
/// read it for a saved model (evaluate, predict). A kind that cannot serve a purpose says so in one line.
/// <see cref="InputKinds"/> holds them all.</summary>
public abstract class InputKind
{
    /// <summary>The kind's name in messages and in a model's <c>source</c> metadata: "csv", "hdf5", "idx", …</summary>
    public abstract string Name { get; }

    /// <summary>Whether an existing file or folder at <paramref name="path"/> is of this kind.</summary>
    public abstract bool Reads(string path);

    /// <summary>The --augment level a CNN on this kind of data gets by default: none unless the kind holds images.</summary>
    public virtual string DefaultAugmentation => TrainingDefaults.Augment.None;

    /// <summary>Features and targets for a network (tables and images).</summary>
    public virtual PreparedData ForNetwork(InputRequest request) =>
        throw CliException.Usage($"--data '{request.Path}': {Name} data trains a character model; give --task text, or a table or images.");

    /// <summary>A saved model's inputs (and targets, for evaluate) from new data of this kind.</summary>
    public virtual ModelData ForModel(ModelRequest request) =>
        throw CliException.BadInput($"--data '{request.DataPath}': {Name} data cannot be fed to this model; give data of the kind it was trained on.");
}
