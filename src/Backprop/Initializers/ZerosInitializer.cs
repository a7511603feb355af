using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Initializers;

/// <summary>W = 0. Correct for logistic regression; in a hidden layer it makes every unit identical forever.</summary>
public sealed class ZerosInitializer : IInitializer
{
    public string Name => "zeros";
    public void Initialize<T>(Tensor<T> weight, FanSizes fans, NumpyRandom random) where T : unmanaged, IFloatingPointIeee754<T> => weight.Fill(T.Zero);
}
