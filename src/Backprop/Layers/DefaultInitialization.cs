using System.Numerics;
using Backprop.Initializers;
using Backprop.Randomness;

namespace Backprop.Layers;

/// <summary>How a new layer's weights start before anyone calls <see cref="Module{T}.Initialize"/>: Xavier (Glorot)
/// normal draws, so a model built and trained without an explicit initialiser still breaks symmetry. The draws come from
/// one process-wide generator with a fixed seed, so the same program builds the same weights every run.</summary>
internal static class DefaultInitialization
{
    private static readonly NumpyRandom Random = new(0);
    private static readonly Lock Gate = new();

    public static void Apply<T>(Parameter<T> weight) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (Gate) Initializer.Xavier.Initialize(weight.Value, weight.Fans, Random);
    }
}
