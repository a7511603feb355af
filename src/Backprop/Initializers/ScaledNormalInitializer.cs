using System.Globalization;
using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>W = randn(n[l], n[l−1]) × scale (the course's ×0.01).</summary>
public sealed class ScaledNormalInitializer(double scale) : IInitializer
{
    public double Scale { get; } = scale > 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive.");
    public string Name => Scale == 0.01 ? "small" : "small:" + Scale.ToString("R", CultureInfo.InvariantCulture);

    public void Initialize<T>(Tensor<T> weight, FanSizes fans, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = weight.AsSpan();
        for (int i = 0; i < w.Length; i++) w[i] = T.CreateChecked(random.NextGaussian() * Scale);
    }
}
