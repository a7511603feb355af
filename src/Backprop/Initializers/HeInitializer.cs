using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>W = randn(n[l], n[l−1]) × √(2 / n[l−1]) (He et al. 2015, for ReLU layers).</summary>
public sealed class HeInitializer : IInitializer
{
    public string Name => "he";

    public void Initialize<T>(Tensor<T> weight, FanSizes fans, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = Math.Sqrt(2.0 / fans.In);
        var w = weight.AsSpan();
        for (int i = 0; i < w.Length; i++) w[i] = T.CreateChecked(random.NextGaussian() * scale);
    }
}
