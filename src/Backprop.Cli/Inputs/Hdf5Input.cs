using Backprop.Data;

namespace Backprop.Cli.Inputs;

/// <summary>A course HDF5 file (<c>.h5</c>, <c>.hdf5</c>): images under <c>train_set_x</c> and labels under
/// <c>train_set_y</c> (<c>test_set_*</c> for a file whose name starts with "test"), or the keys --x-key and --y-key give.</summary>
public sealed class Hdf5Input : ImageInput
{
    public override string Name => "hdf5";

    public override bool Reads(string path) =>
        path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase);

    protected override Dataset<float> Load(string path, string? xKey, string? yKey) =>
        CatVsNonCat.Read<float>(path, xKey ?? GuessKey(path, "x"), yKey ?? GuessKey(path, "y"));

    private static string GuessKey(string path, string which)
    {
        var stem = Path.GetFileName(path).StartsWith("test", StringComparison.OrdinalIgnoreCase) ? "test" : "train";
        return $"{stem}_set_{which}";
    }
}
