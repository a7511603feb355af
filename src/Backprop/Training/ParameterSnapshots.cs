using System.Numerics;
using Backprop.Layers;

namespace Backprop.Training;

/// <summary>Copies of every parameter value, for restoring the best or last good parameters.</summary>
internal sealed class ParameterSnapshots<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
{
    public object Capture() => parameters.Select(p => p.Value.ToArray()).ToArray();

    /// <summary>Copies into an existing snapshot from <see cref="Capture"/> (no allocation).</summary>
    public static void CaptureInto(IReadOnlyList<Parameter<T>> parameters, object snapshot)
    {
        var arrays = (T[][])snapshot;
        for (int i = 0; i < arrays.Length; i++) parameters[i].Value.AsReadOnlySpan().CopyTo(arrays[i]);
    }

    public void Restore(object snapshot)
    {
        if (snapshot is not T[][] arrays || arrays.Length != parameters.Count)
            throw new ArgumentException("The snapshot does not belong to this model.");
        for (int i = 0; i < arrays.Length; i++) arrays[i].CopyTo(parameters[i].Value.AsSpan());
    }
}
