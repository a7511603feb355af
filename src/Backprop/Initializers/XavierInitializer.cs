using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>W = randn(n[l], n[l−1]) × √(2 / (n[l−1] + n[l])) (Glorot and Bengio 2010, for tanh and sigmoid layers).</summary>
public sealed class XavierInitializer : IInitializer
{
    public string Name => "xavier";

    public void Initialize<T>(Tensor<T> weight, FanSizes fans, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = Math.Sqrt(2.0 / (fans.In + fans.Out));
        var w = weight.AsSpan();
        for (int i = 0; i < w.Length; i++) w[i] = T.CreateChecked(random.NextGaussian() * scale);
    }
}
