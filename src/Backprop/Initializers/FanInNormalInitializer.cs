using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>W = randn(n[l], n[l−1]) / √n[l−1], the course's deep initialisation (divided, as the course's NumPy does,
/// so the weights match it bit for bit).</summary>
public sealed class FanInNormalInitializer : IInitializer
{
    public string Name => "course";

    public void Initialize<T>(Tensor<T> weight, FanSizes fans, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double root = Math.Sqrt(fans.In);
        var w = weight.AsSpan();
        for (int i = 0; i < w.Length; i++) w[i] = T.CreateChecked(random.NextGaussian() / root);
    }
}
